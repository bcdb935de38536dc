import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'fs';
import {
  openAsGuest,
  README_SCREENSHOTS,
  SCREENSHOTS,
  waitForAnalysis,
} from './helpers';

const dataRows = (page: Page) =>
  page.locator('table').first().locator('tbody tr');

/** Narrows the team list by typing the start of the name, then picks the team. */
async function chooseTeam(page: Page, team: string) {
  const field = page.getByRole('textbox', { name: 'Team', exact: true });
  await field.click();
  await field.pressSequentially(team.slice(0, 4));
  await page.getByRole('option', { name: team, exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox')).toBeHidden();
}

test.beforeEach(async ({ page }) => {
  await openAsGuest(page, '/catalog');
  await waitForAnalysis(page, 'component/default/checkout-api');
});

test('the scorecard view lists every service and filters by team on the server', async ({
  page,
}) => {
  await page.goto('/autonomy');
  await expect(dataRows(page).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/^\d+ entities$/)).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 1400 });
  await page.screenshot({ path: `${README_SCREENSHOTS}/scorecard-view.png` });

  await chooseTeam(page, 'Checkout');
  await expect(page).toHaveURL(
    /ownerRef=group%3Adefault%2Fcheckout|ownerRef=group:default\/checkout/,
  );
  await expect(page.getByText(/^10 entities match$/)).toBeVisible();
  const owners = await dataRows(page)
    .locator('td:nth-child(2)')
    .allInnerTexts();
  expect(owners.length).toBeGreaterThan(0);
  expect(owners.every(owner => owner.includes('Checkout'))).toBe(true);
  await page.screenshot({
    path: `${SCREENSHOTS}/scorecard-view-filtered.png`,
    fullPage: true,
  });

  // The filter lives in the URL: a reload keeps it, and so does coming back from a service.
  await page.reload();
  await expect(page.getByText(/^10 entities match$/)).toBeVisible({
    timeout: 30_000,
  });
  await dataRows(page).first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/catalog\/default\/(component|api)\//);
  await page.goBack();
  await expect(page.getByText(/^10 entities match$/)).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    page
      .getByRole('combobox', { name: 'Team' })
      .getByRole('button', { name: 'Checkout' }),
  ).toBeVisible();
});

test('the CSV export contains exactly the filtered services', async ({
  page,
}) => {
  await page.goto('/autonomy');
  await expect(dataRows(page).first()).toBeVisible({ timeout: 30_000 });
  await chooseTeam(page, 'Checkout');
  await expect(page.getByText(/^10 entities match$/)).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8')
    .trim()
    .split('\n');
  expect(csv[0]).toBe(
    'entity,title,kind,owner,system,domain,level,score,pass,fail,warning,unknown,exempt,failing guardrails,evaluated at',
  );
  expect(csv).toHaveLength(11);
  expect(
    csv.slice(1).every(line => line.split(',')[3] === 'group:default/checkout'),
  ).toBe(true);
  expect(
    csv.some(line => line.startsWith('component:default/checkout-api,')),
  ).toBe(true);
});

test('the table and the tabs work with the keyboard alone', async ({
  page,
}) => {
  await page.goto('/autonomy');
  await expect(dataRows(page).first()).toBeVisible({ timeout: 30_000 });

  // Sorting: reach the Score column's sort button with Tab and press Enter.
  const scoreSort = page.getByRole('button', { name: /^Score/ });
  await page.getByRole('searchbox', { name: 'Search' }).focus();
  for (
    let i = 0;
    i < 40 && !(await scoreSort.evaluate(el => el === document.activeElement));
    i++
  ) {
    await page.keyboard.press('Tab');
  }
  await expect(scoreSort).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/orderBy=score/);

  // The rows' entity links are in the tab order after the headers.
  await expect(dataRows(page).first()).toBeVisible();
  let onRowLink = false;
  for (let i = 0; i < 20 && !onRowLink; i++) {
    await page.keyboard.press('Tab');
    onRowLink = await page.evaluate(
      () =>
        document.activeElement?.tagName === 'A' &&
        !!document.activeElement.closest('tbody'),
    );
  }
  expect(onRowLink).toBe(true);

  // Tabs are reachable and operable: go to Missions with the keyboard.
  const missionsTab = page.getByRole('tab', { name: 'Missions' });
  await missionsTab.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/autonomy\/missions/);
  await expect(page.getByRole('list', { name: 'Mission tree' })).toBeVisible({
    timeout: 30_000,
  });
});
