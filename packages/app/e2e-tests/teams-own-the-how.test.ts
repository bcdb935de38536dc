import { expect, test } from '@playwright/test';
import {
  card,
  openAsGuest,
  README_SCREENSHOTS,
  waitForAnalysis,
} from './helpers';

// Tall pages: the cards below the fold are in the screenshots too.
test.use({ viewport: { width: 1440, height: 1800 } });

test('a service shows the aligned and autonomous halves of its scorecard apart', async ({
  page,
}) => {
  await openAsGuest(page, '/catalog');
  await waitForAnalysis(page, 'component/default/payment-gateway');
  await page.goto('/catalog/default/component/payment-gateway/autonomy');
  const guardrails = card(page, 'Guardrails');
  const aligned = guardrails.getByRole('region', { name: 'Aligned' });
  const autonomous = guardrails.getByRole('region', { name: 'Autonomous' });
  await expect(aligned).toContainText(/\d+ of \d+ met/, { timeout: 60_000 });
  await expect(aligned).toContainText("The organisation's guardrails");
  await expect(autonomous).toContainText('Standards the team chose');
  await expect(autonomous).toContainText(/\d+ of \d+ met/);
  await page.screenshot({
    path: `${README_SCREENSHOTS}/service-aligned-autonomous.png`,
  });
});

test('a team page shows its standards, its opt-outs and tightenings, and both halves', async ({
  page,
}) => {
  await openAsGuest(page, '/catalog');
  await waitForAnalysis(page, 'component/default/payment-gateway');

  await page.goto('/catalog/default/group/payments');
  const payments = card(page, 'Team guardrails');
  await expect(
    payments.getByRole('region', { name: 'Autonomous' }),
  ).toContainText(/\d+ of \d+ met/, { timeout: 60_000 });
  await expect(
    payments.getByRole('table', { name: 'Our standards' }),
  ).toContainText('PCI component of Payments');
  await expect(
    payments.getByRole('list', { name: 'Tightenings' }),
  ).toContainText('tier1-has-slo');
  await payments.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${README_SCREENSHOTS}/team-guardrails.png` });

  await page.goto('/catalog/default/group/checkout');
  const checkout = card(page, 'Team guardrails');
  await expect(checkout.getByRole('list', { name: 'Opt-outs' })).toContainText(
    'component-has-links',
    { timeout: 60_000 },
  );
  await expect(checkout.getByRole('list', { name: 'Opt-outs' })).toContainText(
    'checkout runbook hub',
  );
});

test("a Guardrail entity's page shows its rationale, owner, pass rate per team, opt-outs and failing entities", async ({
  page,
}) => {
  await openAsGuest(page, '/catalog');
  await waitForAnalysis(page, 'component/default/payment-gateway');
  await page.goto('/catalog/default/guardrail/component-has-links');
  await expect(
    card(page, 'Why and where').getByText(
      /reach its dashboards, logs and code/,
    ),
  ).toBeVisible({ timeout: 60_000 });
  await expect(card(page, 'Why and where')).toContainText('a team may opt out');
  await expect(
    page.getByRole('table', { name: 'Pass rate per team' }).getByRole('row'),
  ).not.toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Opt-outs' })).toContainText(
    'checkout runbook hub',
  );
  await expect(card(page, 'Failing entities')).toBeVisible();
  await page.screenshot({ path: `${README_SCREENSHOTS}/guardrail-page.png` });
});
