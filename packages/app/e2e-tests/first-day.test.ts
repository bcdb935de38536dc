import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  card as cardTitled,
  openAsGuest,
  README_SCREENSHOTS,
  SCREENSHOTS,
  waitForAnalysis,
} from './helpers';

// What a platform engineer sees on the first day. The demo portal has guardrails, so the state
// without any comes from a second real backend that has none (app-config.e2e-no-guardrails.yaml,
// started by playwright.config.ts on :7008): the real frontend's backend requests are sent there.
// The 150-team map is the answer a real backend gives for
// examples/fixtures/real-catalog-150-teams.yaml (realCatalogFixtures.test.ts pins it in this file).

const DEMO_BACKEND = 'http://localhost:7007';
const NO_GUARDRAILS_BACKEND = 'http://localhost:7008';

/**
 * Sends the page's HTTP requests for the demo backend to another backend, so sign-in, catalog and
 * autonomy all come from it and its tokens verify there. The signals WebSocket (live
 * notifications, not tested here) still goes to the demo backend, which logs that the token does
 * not verify: routeWebSocket can only connect where the page meant to.
 */
async function useBackend(page: Page, backend: string) {
  await page.route(`${DEMO_BACKEND}/**`, route =>
    route.continue({
      url: backend + route.request().url().slice(DEMO_BACKEND.length),
    }),
  );
}

const MAP_150_TEAMS = JSON.parse(
  readFileSync(
    resolve(__dirname, 'fixtures/boundary-map-150-teams.json'),
    'utf8',
  ),
);

test('an entity none of the guardrails applies to says so, and how to write one that does', async ({
  page,
}) => {
  await openAsGuest(page, '/catalog');
  await waitForAnalysis(page, 'component/default/checkout-api');
  // Every catalog has Location entities; none of the demo's guardrails is meant for them.
  // Through the sign-in page again if a backend restart ended the session meanwhile.
  await openAsGuest(
    page,
    '/catalog/default/location/harbor-pine-demo/autonomy',
  );
  const card = cardTitled(page, 'Guardrails');
  await expect(
    card.getByText('No guardrail applies to this entity'),
  ).toBeVisible({ timeout: 60_000 });
  await expect(
    card.getByText(/None of the organisation's \d+ guardrails/),
  ).toBeVisible();
  await expect(
    card.getByText(/appliesTo: \{ kind: \[location\] \}/),
  ).toBeVisible();
  await expect(card.getByText('Not evaluated yet')).toHaveCount(0);
  await expect(card.getByText(/^Evaluated /)).toHaveCount(0);
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: `${SCREENSHOTS}/first-day-no-guardrail-applies.png`,
  });
});

test('with no guardrail configured, a service and the scorecards offer a starter configuration to copy', async ({
  page,
}) => {
  await useBackend(page, NO_GUARDRAILS_BACKEND);
  await openAsGuest(page, '/catalog');
  await waitForAnalysis(
    page,
    'component/default/checkout-api',
    NO_GUARDRAILS_BACKEND,
  );
  await openAsGuest(page, '/catalog/default/component/checkout-api/autonomy');
  const card = cardTitled(page, 'Guardrails');
  await expect(card.getByText('No guardrails configured yet')).toBeVisible({
    timeout: 30_000,
  });
  await expect(card.locator('pre')).toContainText('id: owned-by-a-team');
  await expect(card.getByRole('button', { name: /copy/i })).toBeVisible();
  // The neighbouring cards come from the same backend: the screenshot waits for them.
  await expect(
    cardTitled(page, 'Mission').getByText(/North star/),
  ).toBeVisible();
  await expect(
    cardTitled(page, 'Boundaries').getByText('Owner', { exact: true }),
  ).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: `${README_SCREENSHOTS}/first-day-no-guardrails.png`,
  });

  await openAsGuest(page, '/autonomy');
  await expect(page.getByText('No guardrails configured yet')).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    page.getByRole('table', { name: 'Entity scorecards' }),
  ).toHaveCount(0);
});

test('the boundary map of a 150-team catalog shows its cross-team edges in the first screen', async ({
  page,
}) => {
  await page.route('**/api/autonomy/boundaries/map', route =>
    route.fulfill({
      json: { ...MAP_150_TEAMS, evaluatedAt: new Date().toISOString() },
    }),
  );
  await openAsGuest(page, '/autonomy/boundaries');
  const graph = page.getByRole('img', { name: /^Boundary map:/ });
  await expect(graph).toBeVisible({ timeout: 60_000 });
  await expect(graph).toHaveAccessibleName(
    /^Boundary map: \d+ teams and 8 team-to-team dependencies/,
  );
  // Every edge's label lies inside the first screen, without scrolling.
  const labels = graph.locator('text').filter({
    hasText: /healthy|contract gap|violation/,
  });
  await expect(labels).toHaveCount(8);
  const viewport = page.viewportSize()!;
  for (const box of await labels.evaluateAll(nodes =>
    nodes.map(n => n.getBoundingClientRect().toJSON()),
  )) {
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(viewport.height);
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(viewport.width);
  }
  const unconnected = page.getByRole('region', {
    name: /teams without cross-team dependencies/,
  });
  await expect(unconnected).toContainText('Commerce');
  await page.screenshot({
    path: `${README_SCREENSHOTS}/boundary-map-150-teams.png`,
  });
  await unconnected.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: `${SCREENSHOTS}/boundary-map-150-teams-unconnected.png`,
  });
});
