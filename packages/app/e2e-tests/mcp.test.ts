import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * The MCP check against the running demo backend (packages/backend/scripts/mcp-check.mjs): an
 * MCP client with a guest token lists the autonomy tools and asks for a demo service's scorecard.
 */
test('an MCP client lists the autonomy tools and learns why a demo service fails and how to fix it', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      'packages/backend/scripts/mcp-check.mjs',
      'component:default/legacy-promo-engine',
    ],
    { timeout: 60_000 },
  );
  expect(stdout).toContain('autonomy.get-entity-scorecard');
  expect(stdout).toContain('autonomy.request-exemption');
  expect(stdout).toMatch(
    /legacy-promo-engine fails "Owned by a team" \(owner-is-team\): Set spec\.owner/,
  );
});
