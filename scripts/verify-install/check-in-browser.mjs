#!/usr/bin/env node
/*
 * Checks in Chromium that a Backstage app with the plugins installed shows them with data: the
 * Autonomy page (the scorecard table lists the app's component), a service's Autonomy tab (its
 * level and a guardrail's result) and a team page's Autonomy tab (the team's scorecards). Waits
 * first until the backend has analysed the catalog. Screenshots go to <screenshot-dir>.
 * Debian's Chromium with a fresh profile; playwright-core comes from this repository.
 *
 * usage: node check-in-browser.mjs <app-url> <screenshot-dir> [component] [team]
 *   defaults: component example-website, team guests (the stock app's example catalog)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, shots, component = 'example-website', team = 'guests'] =
  process.argv.slice(2);
if (!base || !shots) {
  console.error(
    'usage: check-in-browser.mjs <app-url> <screenshot-dir> [component] [team]',
  );
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const MINUTE = 60_000;

async function guestToken() {
  const response = await fetch(`${base}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!response.ok)
    throw new Error(`guest sign-in answered ${response.status}`);
  return (await response.json()).backstageIdentity.token;
}

/** The first analysis runs after start-up, once the catalog has ingested the entities. */
async function getJson(path) {
  const response = await fetch(`${base}/api/autonomy${path}`, {
    headers: { Authorization: `Bearer ${await guestToken()}` },
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(
      `${path} answered ${response.status} ${text.slice(0, 200)}`,
    );
  return JSON.parse(text);
}

async function waitForScorecard() {
  const deadline = Date.now() + 10 * MINUTE;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const scorecard = await getJson(
        `/entities/component/default/${component}/scorecard`,
      );
      if (scorecard.results?.length) return scorecard;
      last = JSON.stringify(scorecard).slice(0, 200);
    } catch (error) {
      last = error.message;
    }
    await new Promise(resolve => setTimeout(resolve, 5_000));
  }
  throw new Error(
    `no evaluated scorecard for ${component} after 10 minutes: ${last}`,
  );
}

const scorecard = await waitForScorecard();
const guardrails = await getJson('/guardrails');
const definitions = guardrails.guardrails ?? guardrails.definitions ?? [];
const applied =
  scorecard.results.find(r => r.state !== 'not-applicable') ??
  scorecard.results[0];
const guardrailTitle =
  definitions.find(d => d.id === applied.guardrailId)?.title ??
  applied.guardrailId;
console.log(
  `scorecard of ${component}: level ${scorecard.level}, score ${scorecard.score}`,
);

const profile = mkdtempSync(join(tmpdir(), 'verify-install-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1440, height: 1000 },
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const failures = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(2 * MINUTE);
  const pageErrors = [];
  page.on('pageerror', error => pageErrors.push(error.message));

  /** Opens a path, signs in as guest if asked, and waits for each text in <main>. */
  async function check(name, path, texts) {
    try {
      await page.goto(`${base}${path}`);
      const enter = page.getByRole('button', { name: /^enter$/i });
      await enter.or(page.locator('main')).first().waitFor();
      if (await enter.isVisible()) await enter.click();
      for (const text of texts) {
        await page
          .locator('main')
          .getByText(text, { exact: false })
          .first()
          .waitFor();
      }
      console.log(
        `ok: ${name} (${path}) shows ${texts
          .map(t => JSON.stringify(String(t)))
          .join(', ')}`,
      );
    } catch (error) {
      failures.push(`${name} (${path}): ${error.message.split('\n')[0]}`);
    } finally {
      await page.screenshot({
        path: join(shots, `${name}.png`),
        fullPage: true,
      });
    }
  }

  await check('autonomy-page', '/autonomy', [component]);
  await check(
    'service-tab',
    `/catalog/default/component/${component}/autonomy`,
    [guardrailTitle],
  );
  await check('team-tab', `/catalog/default/group/${team}/autonomy`, [
    component,
  ]);
  if (pageErrors.length)
    failures.push(`uncaught page errors: ${pageErrors.join('; ')}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

if (failures.length) {
  console.error(
    `browser check failed:\n- ${failures.join(
      '\n- ',
    )}\nscreenshots in ${shots}`,
  );
  process.exit(1);
}
console.log(
  `the Autonomy page, a service's tab and a team's tab render with data; screenshots in ${shots}`,
);
