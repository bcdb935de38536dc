#!/usr/bin/env node
/*
 * Waits for a portal started by scripts/start-production.sh and checks what a release promises:
 * the backend answers on its one port with the built frontend (not a dev server), and the
 * analysis has run on its database (the scorecard list has entries). Prints how long each took.
 *
 * usage: node scripts/check-production-portal.mjs [base-url]   (default http://localhost:7007)
 */

const base = (process.argv[2] ?? 'http://localhost:7007').replace(/\/$/, '');
const started = Date.now();
const seconds = () => `${Math.round((Date.now() - started) / 1000)} s`;

async function waitFor(what, minutes, attempt) {
  const deadline = Date.now() + minutes * 60_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const result = await attempt();
      if (result) {
        console.log(`${what} after ${seconds()}`);
        return result;
      }
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await new Promise(resolve => setTimeout(resolve, 3_000));
  }
  throw new Error(`${what}: not within ${minutes} minutes (${last})`);
}

await waitFor('ready', 10, async () => {
  const response = await fetch(`${base}/.backstage/health/v1/readiness`);
  return response.ok;
});

const html = await (await fetch(`${base}/catalog`)).text();
const script = html.match(/src="(\/static\/[^"]+\.js)"/)?.[1];
if (!script)
  throw new Error(
    `${base}/catalog is not the built frontend:\n${html.slice(0, 300)}`,
  );
const bundle = await fetch(`${base}${script}`);
if (!bundle.ok) throw new Error(`${script} answered ${bundle.status}`);
console.log(`the built frontend is served (${script})`);

async function guestToken() {
  const response = await fetch(`${base}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!response.ok)
    throw new Error(`guest sign-in answered ${response.status}`);
  return (await response.json()).backstageIdentity.token;
}

const page = await waitFor(
  'scorecards stored by the analysis',
  10,
  async () => {
    const response = await fetch(`${base}/api/autonomy/scorecards?limit=5`, {
      headers: { Authorization: `Bearer ${await guestToken()}` },
    });
    if (!response.ok) throw new Error(`scorecards answered ${response.status}`);
    const body = await response.json();
    return body.items?.length ? body : undefined;
  },
);
console.log(
  `${page.total ?? page.items.length} scorecards, e.g. ${
    page.items[0].entityRef
  }: ${page.items[0].level ?? 'no level'} ${page.items[0].score ?? ''}`,
);
