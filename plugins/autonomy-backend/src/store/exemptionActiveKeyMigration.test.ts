import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { MIGRATIONS_DIRECTORY as directory } from './createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const name = '20261126200000_exemption_active_key.js';

const exemption = (
  id: string,
  guardrailId: string,
  createdAt: string,
  extra: object = {},
) => ({
  id,
  entity_ref: 'component:default/a',
  guardrail_id: guardrailId,
  reason: 'r',
  expires_at: '2999-01-01T00:00:00.000Z',
  created_by: 'user:default/maya',
  created_at: createdAt,
  ...extra,
});

describe.each(databases.eachSupportedId())(
  'the one-active-exemption migration on %p',
  (id: TestDatabaseId) => {
    it('keeps every record, revoking all but the newest of duplicate active exemptions', async () => {
      const knex = await databases.init(id);
      await knex.migrate.latest({ directory });
      await knex.migrate.down({ directory, name });
      await knex('autonomy_exemptions').insert([
        exemption('old', 'runbook', '2026-11-01T00:00:00.000Z'),
        exemption('newest', 'runbook', '2026-11-03T00:00:00.000Z'),
        exemption('middle', 'runbook', '2026-11-02T00:00:00.000Z'),
        exemption('alone', 'owner', '2026-11-01T00:00:00.000Z'),
        exemption('expired', 'owner', '2026-10-01T00:00:00.000Z', {
          expires_at: '2026-10-02T00:00:00.000Z',
        }),
        exemption('revoked', 'owner', '2026-09-01T00:00:00.000Z', {
          revoked_at: '2026-09-02T00:00:00.000Z',
          revoked_by: 'user:default/ola',
        }),
      ]);

      await knex.migrate.up({ directory, name });

      const rows = await knex('autonomy_exemptions')
        .orderBy('id')
        .select('id', 'active_key', 'revoked_at', 'revoke_reason');
      expect(
        rows.map(r => [r.id, r.active_key, r.revoked_at !== null]),
      ).toEqual([
        ['alone', 1, false],
        ['expired', null, false],
        ['middle', null, true],
        ['newest', 1, false],
        ['old', null, true],
        ['revoked', null, true],
      ]);
      expect(rows.find(r => r.id === 'old')?.revoke_reason).toMatch(
        /Superseded by exemption newest/,
      );
      // The database now refuses a second active one. (The driver's error is compared as text:
      // its class may come from another realm than the test's.)
      const again = await knex('autonomy_exemptions')
        .insert(
          exemption('again', 'runbook', '2026-11-04T00:00:00.000Z', {
            active_key: 1,
          }),
        )
        .then(
          () => 'stored',
          error => String(error),
        );
      expect(again).toMatch(/unique/i);

      await knex.migrate.down({ directory, name });
      const [{ n }] = await knex('autonomy_exemptions').count({ n: '*' });
      expect(Number(n)).toBe(6);
      expect(
        await knex.schema.hasColumn('autonomy_exemptions', 'active_key'),
      ).toBe(false);
    });
  },
);
