// Browser benchmark of the service scorecard view with a generated catalog of 10,000 services.
// It expects the benchmark portal (yarn bench:portal starts it: app on :3100, backend on :7100,
// see app-config.bench.yaml), waits until the catalog is evaluated, then measures in Debian's
// Chromium: the first page after navigation (from the click in the sidebar to rows on screen), and
// the table's response to a filter (from choosing a value to the filtered rows on screen; opening
// the menu is reported on its own). Figures are printed, not asserted. Measure a production build
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
    const start = performance.now();
    await page.getByRole('link', { name: 'Autonomy' }).first().click();
    await rows(page).first().waitFor({ timeout: 30_000 });
    firstPage.push(performance.now() - start);
  }
  console.log(`scorecard view, first page after navigation: ${fmt(firstPage)}`);

  // Filters: from choosing a value in the menu to the table showing only matching rows, each
  // time from the unfiltered first page. The filters are multi-selects; the menu stays open.
  const menus = [];
  const measureFilter = async (field, column, values) => {
    menus.length = 0;
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto(`${APP}/autonomy`);
      await rows(page).first().waitFor({ timeout: 30_000 });
      const value = values(i);
      const opening = performance.now();
      await field().click();
      const option = page.getByRole('option', { name: value, exact: true });
      await option.waitFor();
      menus.push(performance.now() - opening);
      const start = performance.now();
      await option.click();
      await page.waitForFunction(
        ([expected, nth]) => {
          // The scorecard table is the first on the page (the heat map follows it).
          const table = document.querySelector('table');
          const cells = [
            ...(table?.querySelectorAll(`tbody tr td:nth-child(${nth})`) ?? []),
          ].map(c => c.textContent ?? '');
          return (
            cells.length > 0 && cells.every(text => text.includes(expected))
          );
        },
        [value, column],
        { timeout: 30_000 },
      );
      times.push(performance.now() - start);
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
  console.log(`  opening the level menu: ${fmt(menus)}`);
  console.log(
    `scorecard view, filter by team (choice → filtered rows): ${fmt(
      await measureFilter(
        () => page.getByRole('textbox', { name: 'Team', exact: true }),
        2,
        i => `Bench team ${(i * 37) % 250}`,
      ),
    )}`,
  );
  console.log(`  opening the team menu (250 teams): ${fmt(menus)}`);
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
