import { expect, test, type Page } from '@playwright/test';
import {
  guestToken,
  openAsGuest,
  README_SCREENSHOTS,
  SCREENSHOTS,
} from './helpers';

/** Waits until the analysis has recorded the demo campaign's progress. */
async function waitForCampaigns(page: Page) {
  await expect(async () => {
    const token = await guestToken(page);
    const res = await page.request.get(
      'http://localhost:7007/api/autonomy/campaigns',
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(res.status()).toBe(200);
    const tier1 = (await res.json()).items.find(
      (c: { ref: string }) => c.ref === 'campaign:default/docs-next-to-code',
    );
    expect(tier1?.total).toBeGreaterThan(0);
  }).toPass({ timeout: 120_000, intervals: [2_000] });
}

test("a campaign's page shows its burn-up and the teams behind with what to fix", async ({
  page,
}) => {
  await openAsGuest(page, '/catalog');
  await waitForCampaigns(page);

  // Signs in again if a restart of the development backend ended the session.
  await openAsGuest(page, '/autonomy/campaigns');
  const list = page.getByRole('table', { name: 'Campaigns' });
  await expect(list).toBeVisible({ timeout: 60_000 });
  // Soonest deadline first: the campaign past its deadline, then the upcoming one.
  await expect(list.getByRole('row').nth(1)).toContainText('Tier-1 readiness');
  await expect(list.getByRole('row').nth(1)).toContainText('enforced since');
  await list.getByRole('link', { name: 'Docs next to the code' }).click();

  await expect(page).toHaveURL(
    /\/autonomy\/campaigns\/default\/docs-next-to-code$/,
  );
  await expect(
    page.getByRole('img', { name: /^Burn-up overall: \d+ of \d+ done/ }),
  ).toBeVisible();
  await expect(page.getByText(/^due 31 March 2027/)).toBeVisible();
  // Each of the three teams still has a component without TechDocs.
  const inventory = page.getByRole('table', {
    name: 'What inventory must fix',
  });
  await expect(inventory).toBeVisible();
  await expect(inventory).toContainText('Supplier feed importer');
  await expect(inventory).toContainText('Documentation in TechDocs');
  await expect(inventory).toContainText('Warning');
  await expect(
    page.getByRole('table', { name: 'What warehouse-ops must fix' }),
  ).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 1400 });
  await page.screenshot({
    path: `${README_SCREENSHOTS}/campaign-page.png`,
    fullPage: true,
  });

  // The service's own page names the campaign, its deadline and the progress.
  await openAsGuest(page, '/catalog/default/component/supplier-feed-importer');
  await expect(
    page.getByRole('link', {
      name: /^Campaign Docs next to the code — due 31 March 2027 \(in \d+ days\): \d+ of \d+ done$/,
    }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(
    page.getByText('This entity still fails: has-techdocs'),
  ).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/campaign-card-service.png`,
    fullPage: true,
  });

  // A team's page gives the team's own figures beside the campaign's.
  await openAsGuest(page, '/catalog/default/group/inventory');
  await expect(
    page.getByText(
      /^Campaign Docs next to the code — due 31 March 2027 \(in \d+ days\): \d+ of 3 done of this team's entities \(\d+ of \d+ done overall\)$/,
    ),
  ).toBeVisible({ timeout: 60_000 });
  await expect(
    page.getByText('This team is behind: the campaign page lists what to fix.'),
  ).toBeVisible();
});
