import { expect, test } from '@playwright/test';
import {
  card as cardTitled,
  guestToken,
  openAsGuest,
  SCREENSHOTS,
  waitForAnalysis,
} from './helpers';

const API = 'http://localhost:7007/api/autonomy';

test('a demo service shows its level and a failing guardrail with its rationale, and an exemption can be requested', async ({
  page,
}) => {
  await openAsGuest(page, '/catalog');
  await waitForAnalysis(page, 'component/default/returns-service');

  // Make the test repeatable on a portal that has run it before: revoke earlier exemptions.
  const headers = { Authorization: `Bearer ${await guestToken(page)}` };
  const earlier = await page.request.get(
    `${API}/exemptions?entityRef=component:default/returns-service&status=active`,
    { headers },
  );
  for (const exemption of (await earlier.json()).items) {
    await page.request.post(`${API}/exemptions/${exemption.id}/revoke`, {
      headers,
      data: { reason: 'Reset by the browser test' },
    });
  }

  await page.goto('/catalog/default/component/returns-service/autonomy');
  const card = cardTitled(page, 'Guardrails');
  await expect(card.getByText('Bronze', { exact: true })).toBeVisible();
  await expect(card.getByText(/\d+(\.\d)? \/ 100/)).toBeVisible();

  const row = card.getByRole('button', { name: /Runbook and on-call\s+Level/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Fail');
  await row.click();
  await expect(
    card.getByText(/When this service breaks at 3 a\.m\./),
  ).toBeVisible();
  await expect(
    card.getByText(/Add the aligned-autonomy\.io\/runbook and/),
  ).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/guardrail-failing-with-rationale.png`,
    fullPage: true,
  });

  await card
    .getByRole('button', { name: /request exemption/i })
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog
    .getByLabel(/reason/i)
    .fill('Runbook is being written with SRE Enablement this sprint');
  await dialog
    .getByLabel(/compensating control/i)
    .fill('Checkout on-call covers returns pages until then');
  await page.screenshot({ path: `${SCREENSHOTS}/exemption-dialog.png` });
  await dialog
    .getByRole('button', { name: /submit|request/i })
    .last()
    .click();
  await expect(dialog).toBeHidden();

  await expect(
    card.getByRole('button', { name: /Runbook and on-call\s+Level/ }),
  ).toContainText('Exempt');
  await page.screenshot({
    path: `${SCREENSHOTS}/guardrail-exempt.png`,
    fullPage: true,
  });
});
