import { expect, test } from '@playwright/test';
import {
  card,
  openAsGuest,
  README_SCREENSHOTS,
  SCREENSHOTS,
  waitForAnalysis,
} from './helpers';

/** A new guardrail as a team would commit it: every component has TechDocs, from bronze up. */
const DOCS_GUARDRAIL = `apiVersion: aligned-autonomy.io/v1alpha1
kind: Guardrail
metadata:
  name: component-has-docs
  title: Every component has TechDocs
spec:
  type: required
  owner: group:default/platform-runtime
  rationale:
    why: A team that inherits a component needs its docs next to it.
  appliesTo: { kind: component }
  rule: { fact: entity.annotations.backstage.io/techdocs-ref, exists: true }
  level: bronze
`;

test('a platform engineer previews a pasted guardrail and sees its impact, and a bad one names the field', async ({
  page,
}) => {
  await openAsGuest(page, '/catalog');
  await waitForAnalysis(page, 'component/default/returns-service');

  await page.goto('/autonomy/guardrail-preview');
  const definition = page.getByRole('textbox', {
    name: /guardrail definition/i,
  });
  await expect(definition).toBeVisible({ timeout: 60_000 });
  await definition.fill(DOCS_GUARDRAIL);
  await page.getByRole('button', { name: 'Preview impact' }).click();

  const impact = card(page, 'Impact');
  await expect(
    impact.getByText(/New guardrail: Every component has TechDocs/),
  ).toBeVisible({ timeout: 30_000 });
  await expect(
    impact.getByText(/It would apply to \d+ entities: \d+ pass, [1-9]\d* fail/),
  ).toBeVisible();
  const teams = page.getByRole('table', { name: 'Team' });
  await expect(teams.getByRole('row').nth(1)).toBeVisible();
  const examples = page.getByRole('list', { name: 'Failing examples' });
  await expect(
    examples.getByText(/backstage\.io\/techdocs-ref/).first(),
  ).toBeVisible();
  const moves = page.getByRole('table', { name: 'Level moves' });
  await expect(moves.getByText(/\d+ down, \d+ up/).first()).toBeVisible();
  // Tall enough to show the tables and the examples below the form.
  await page.setViewportSize({ width: 1440, height: 2200 });
  await page.screenshot({
    path: `${README_SCREENSHOTS}/guardrail-preview.png`,
    fullPage: true,
  });

  await definition.fill(DOCS_GUARDRAIL.replace('exists: true', 'existz: true'));
  await page.getByRole('button', { name: 'Preview impact' }).click();
  const problem = page.getByRole('alert', { name: 'Definition problem' });
  await expect(problem).toContainText('spec.rule');
  await expect(problem).toContainText('existz');
  await page.screenshot({
    path: `${SCREENSHOTS}/guardrail-preview-bad-definition.png`,
    fullPage: true,
  });
});
