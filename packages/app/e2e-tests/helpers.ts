import { expect, type Page } from '@playwright/test';

export const SCREENSHOTS = 'e2e-artifacts/screenshots';

/**
 * Screenshots the README shows, taken from the running demo by these tests, so the README always
 * shows what the product does today.
 */
export const README_SCREENSHOTS = 'docs/screenshots';

/** Opens a page of the portal, signing in as guest when the sign-in page shows. */
export async function openAsGuest(page: Page, path: string) {
  await page.goto(path);
  const enter = page.getByRole('button', { name: /^enter$/i });
  const content = page.locator('main');
  await expect(enter.or(content).first()).toBeVisible({ timeout: 60_000 });
  if (await enter.isVisible()) {
    await enter.click();
  }
}

/**
 * An info card by its title. InfoCards render as <article>; MUI's class names carry suffixes in
 * development builds, so the class alone is not a reliable hook.
 */
export const card = (page: Page, title: string) =>
  page.locator('article, .MuiCard-root').filter({ hasText: title }).first();

/** A guest token for calling the backend directly from a test. */
export async function guestToken(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const res = await fetch('http://localhost:7007/api/auth/guest/refresh', {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
      credentials: 'include',
    });
    return (await res.json()).backstageIdentity.token as string;
  });
}

/**
 * Waits until the backend has analysed the catalog with this entity in it (the first analysis
 * runs a few seconds after start-up, while the demo catalog is still being ingested). `backend`
 * is the one the page's requests go to (the guest token comes from the page).
 */
export async function waitForAnalysis(
  page: Page,
  entityPath: string,
  backend = 'http://localhost:7007',
) {
  await expect(async () => {
    const token = await guestToken(page);
    const res = await page.request.get(
      `${backend}/api/autonomy/entities/${entityPath}/mission-chain`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(res.status()).toBe(200);
    expect((await res.json()).chain.length).toBeGreaterThan(0);
  }).toPass({ timeout: 90_000, intervals: [2_000] });
}
