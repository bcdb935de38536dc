import { expect, test } from '@playwright/test';
import {
  card as cardTitled,
  openAsGuest,
  README_SCREENSHOTS,
  SCREENSHOTS,
  waitForAnalysis,
} from './helpers';

test('a demo service shows the boundary violation the demo contains, with how to fix it', async ({
  page,
}) => {
  await openAsGuest(page, '/catalog');
  await waitForAnalysis(page, 'component/default/checkout-api');

  await page.goto('/catalog/default/component/checkout-api/autonomy');
  const card = cardTitled(page, 'Boundaries');
  await expect(card).toBeVisible();
  // checkout-api depends directly on Inventory's database and service: two violations.
  await expect(card.getByText('Boundary violation')).toHaveCount(2);
  await expect(card.getByRole('link', { name: 'Inventory DB' })).toBeVisible();
  await expect(
    card.getByText(
      /Depend on an API of inventory instead of their resource inventory-db/,
    ),
  ).toBeVisible();
  await expect(card.getByText('Healthy').first()).toBeVisible();
  // The violation also fails the guardrail that keeps the service from Silver.
  const guardrails = cardTitled(page, 'Guardrails');
  await expect(
    guardrails.getByRole('button', {
      name: /No direct dependencies into other teams\s+Level/,
    }),
  ).toContainText('Fail');
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: `${SCREENSHOTS}/boundaries-violation.png`,
    fullPage: true,
  });
});

test("a team's page shows its earned autonomy, what it decides alone and what would widen it", async ({
  page,
}) => {
  await openAsGuest(page, '/catalog');
  await waitForAnalysis(page, 'group/default/checkout');

  await page.goto('/catalog/default/group/checkout/autonomy');
  const card = cardTitled(page, 'Team autonomy');
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(card.getByText('Guided', { exact: true })).toBeVisible();
  await expect(card.getByText('Decided by the team')).toBeVisible();
  await expect(
    card.getByText(/Change the deploy cadence/).first(),
  ).toBeVisible();
  await expect(card.getByText('Needs review')).toBeVisible();
  await expect(card.getByText(/Adopt a new vendor/).first()).toBeVisible();
  // What would widen it: Checkout's two boundary violations stand between it and Trusted.
  await expect(
    card.getByText(/No boundary violations \(now 2\)/i),
  ).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/team-autonomy.png`,
    fullPage: true,
  });
  await page.setViewportSize({ width: 1440, height: 1800 });
  await page.screenshot({
    path: `${README_SCREENSHOTS}/team-page.png`,
    fullPage: true,
  });
});

test('the organisation boundary map shows teams and the violation edge', async ({
  page,
}) => {
  await openAsGuest(page, '/autonomy/boundaries');
  await expect(page.getByText('Boundary map')).toBeVisible({ timeout: 60_000 });
  await expect(
    page
      .locator('svg')
      .getByText(/violation/)
      .first(),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: /Ownership gaps/i }),
  ).toBeVisible();
  await expect(
    page
      .getByText(/Owned by a person \(user:default\/maya\.lindqvist\)/)
      .first(),
  ).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/boundary-map.png`,
    fullPage: true,
  });
});
