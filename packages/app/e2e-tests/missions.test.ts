import { expect, test } from '@playwright/test';
import {
  openAsGuest,
  README_SCREENSHOTS,
  SCREENSHOTS,
  waitForAnalysis,
} from './helpers';

test('a demo service shows its mission chain up to the north star in the Autonomy tab', async ({
  page,
}) => {
  await openAsGuest(page, '/catalog');
  await waitForAnalysis(page, 'component/default/checkout-api');

  await page.goto('/catalog/default/component/checkout-api/autonomy');
  const chain = page.getByRole('navigation', {
    name: 'Mission chain from the north star',
  });
  await expect(chain).toBeVisible();
  // North star first, then the department mission, then the team mission the service serves.
  await expect(chain.getByRole('link')).toHaveText([
    /The right gear, when promised/,
    /Turn browsers into confident buyers/,
    /Frictionless checkout/i,
  ]);
  await expect(
    page.getByText('Mission inherited from its system'),
  ).toBeVisible();
  await expect(page.getByText('Checkout conversion')).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/autonomy-tab-service.png`,
    fullPage: true,
  });
  await page.setViewportSize({ width: 1440, height: 2000 });
  await page.screenshot({
    path: `${README_SCREENSHOTS}/autonomy-tab.png`,
    fullPage: true,
  });
});

test('the missions page shows the tree and filters it by department', async ({
  page,
}) => {
  await openAsGuest(page, '/autonomy/missions');
  const tree = page.getByRole('list', { name: 'Mission tree' });
  await expect(tree).toBeVisible({ timeout: 60_000 });
  await expect(
    tree.getByRole('link', { name: 'Frictionless checkout' }),
  ).toBeVisible();
  await expect(page.getByText(/Review overdue since 2026-09-30/)).toBeVisible();

  await page.getByLabel('Department').click();
  await page.getByRole('option', { name: /logistics/i }).click();
  await expect(page.getByRole('listbox')).toBeHidden();
  await expect(
    tree.getByRole('link', { name: 'Frictionless checkout' }),
  ).toHaveCount(0);
  await expect(
    tree.getByRole('link', { name: 'The right gear, when promised' }),
  ).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/missions-page.png`,
    fullPage: true,
  });
});
