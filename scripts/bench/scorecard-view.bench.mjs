// Browser benchmark of the service scorecard view with a generated catalog of 10,000 services.
// It expects the benchmark portal (yarn bench:portal starts it: app on :3100, backend on :7100,
// see app-config.bench.yaml), waits until the catalog is evaluated, then measures in Debian's
// Chromium, in the page (from the user's press to the frame that shows the result): the first page
// after navigation (from the click in the sidebar to rows on screen), and the table's response to
// a filter (from choosing a value to the filtered rows on screen; opening the list is reported on
// its own). Figures are printed, not asserted. Measure a production build
// (see the README) for what users see; a development server is several times slower.
import { chromium } from 'playwright-core';

const APP = process.env.BENCH_APP_URL ?? 'http://localhost:3100';
const BACKEND = process.env.BENCH_BACKEND_URL ?? 'http://localhost:7100';
const EXPECTED = Number(process.env.BENCH_SERVICES ?? 10_000);
const RUNS = 7;

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = xs =>
  `median ${median(xs).toFixed(0)} ms, best ${Math.min(...xs).toFixed(
    0,
  )} ms, worst ${Math.max(...xs).toFixed(0)} ms`;

async function guestToken() {
  const res = await fetch(`${BACKEND}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  return (await res.json()).backstageIdentity.token;
}

async function waitForEvaluation() {
  const started = Date.now();
  for (;;) {
    try {
      const res = await fetch(
        `${BACKEND}/api/autonomy/scorecards?limit=1&kind=component`,
        { headers: { Authorization: `Bearer ${await guestToken()}` } },
      );
      const { total } = await res.json();
      if (total >= EXPECTED) return total;
      process.stdout.write(
        `\rwaiting for the catalog to be evaluated: ${
          total ?? 0
        } of ${EXPECTED} services (${Math.round(
          (Date.now() - started) / 1000,
        )} s)`,
      );
    } catch {
      process.stdout.write('\rwaiting for the backend…');
    }
    await new Promise(r => setTimeout(r, 5000));
  }
}

const rows = page =>
  page.locator('table tbody tr').filter({ has: page.locator('a') });

/**
 * Arms a timer in the page: it starts at the next pointer press (the event's own timestamp) and
 * stops at the first frame after `done(arg)` holds, so Playwright's own work (locating elements,
 * computing accessible names, polling) is not counted, only what the user waits for.
 */
const armTimer = (page, done, arg) =>
  page.evaluate(
    ([source, doneArg]) => {
      const isDone = new Function(`return (${source})`)();
      window.__benchTimer = new Promise(resolve =>
        document.addEventListener(
          'pointerdown',
          event => {
            const check = () => {
              if (!isDone(doneArg)) return requestAnimationFrame(check);
              // The frame with the result: its callbacks run before it is painted.
              return requestAnimationFrame(() =>
                setTimeout(() => resolve(performance.now() - event.timeStamp)),
              );
            };
            check();
          },
          { capture: true, once: true },
        ),
      );
    },
    [done.toString(), arg],
  );
// A result that never shows fails the run instead of hanging it.
const readTimer = page =>
  page.evaluate(() =>
    Promise.race([
      window.__benchTimer,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('no result within 30 s')), 30_000),
      ),
    ]),
  );

// Conditions checked in the page.
const hasRows = () =>
  document.querySelectorAll('table[aria-label="Entity scorecards"] tbody tr a')
    .length > 0;
const hasOptions = () =>
  document.querySelectorAll('[role="listbox"] [role="option"]').length > 0;
const columnShows = ([expected, nth]) => {
  const cells = [
    ...(document
      .querySelector('table[aria-label="Entity scorecards"]')
      ?.querySelectorAll(`tbody tr td:nth-child(${nth})`) ?? []),
  ].map(c => c.textContent ?? '');
  return cells.length > 0 && cells.every(text => text.includes(expected));
};

async function main() {
  const total = await waitForEvaluation();
  console.log(`\n${total} evaluated components in the scorecard view`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
  const page = await browser.newPage({
    viewport: { width: 1440, height: 1000 },
  });
  await page.goto(`${APP}/catalog`);
  await page.getByRole('button', { name: /^enter$/i }).click();
  await page.locator('table tbody tr a').first().waitFor({ timeout: 60_000 });

  // First page after navigation: from the click on "Autonomy" in the sidebar to rows on screen.
  const firstPage = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(`${APP}/catalog`);
    await page.locator('table tbody tr a').first().waitFor();
    await armTimer(page, hasRows);
    await page.getByRole('link', { name: 'Autonomy' }).first().click();
    await rows(page).first().waitFor({ timeout: 30_000 });
    firstPage.push(await readTimer(page));
  }
  console.log(`scorecard view, first page after navigation: ${fmt(firstPage)}`);

  // Filters: from the press on a value in the open list to the table showing only matching rows,
  // each time from the unfiltered first page; opening the list is timed on its own. The filters
  // are multi-selects, so the list stays open.
  const menus = [];
  const measureFilter = async (field, column, values) => {
    menus.length = 0;
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto(`${APP}/autonomy`);
      await rows(page).first().waitFor({ timeout: 30_000 });
      const value = values(i);
      await armTimer(page, hasOptions);
      await field().click();
      const option = page.getByRole('option', { name: value, exact: true });
      await option.waitFor();
      menus.push(await readTimer(page));
      await armTimer(page, columnShows, [value, column]);
      await option.click();
      times.push(await readTimer(page));
      await page.keyboard.press('Escape');
    }
    return times;
  };
  console.log(
    `scorecard view, filter by level (choice → filtered rows): ${fmt(
      await measureFilter(
        () => page.getByLabel('Level', { exact: true }),
        4,
        i => (i % 2 ? 'Bronze' : 'Gold'),
      ),
    )}`,
  );
  console.log(`  opening the level list: ${fmt(menus)}`);
  console.log(
    `scorecard view, filter by team (choice → filtered rows): ${fmt(
      await measureFilter(
        () => page.getByRole('textbox', { name: 'Team', exact: true }),
        2,
        i => `Bench team ${(i * 37) % 250}`,
      ),
    )}`,
  );
  console.log(`  opening the team list (250 teams): ${fmt(menus)}`);
  await page.screenshot({
    path: 'e2e-artifacts/screenshots/bench-scorecard-view-10k.png',
    fullPage: false,
  });
  await browser.close();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
