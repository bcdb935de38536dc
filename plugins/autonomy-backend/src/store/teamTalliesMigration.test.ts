import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { MIGRATIONS_DIRECTORY as directory } from './createStores';
import { tallyCells } from '../domain/guardrails/halves';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const name = '20261127160000_team_guardrail_tallies.js';

const cell = (
  owner: string,
  guardrailId: string,
  state: string,
  count: number,
) => ({
  owner_ref: `group:default/${owner}`,
  guardrail_id: guardrailId,
  state,
  count,
});

describe.each(databases.eachSupportedId())(
  'the team tallies migration on %p',
  (id: TestDatabaseId) => {
    it('fills each team’s tallies from the heat map a store already holds, as tallyCells counts its cells', async () => {
      const knex = await databases.init(id);
      await knex.migrate.latest({ directory });
      await knex.migrate.down({ directory, name });
      const cells = [
        cell('a', 'owner', 'pass', 3),
        cell('a', 'owner', 'fail', 1),
        cell('a', 'runbook', 'exempt', 2),
        cell('a', 'runbook', 'not-applicable', 4),
        cell('b', 'owner', 'unknown', 2),
        cell('b', 'runbook', 'fail', 0),
        cell('c', 'owner', 'not-applicable', 1),
      ];
      await knex('autonomy_heatmap').insert(cells);

      await knex.migrate.up({ directory, name });

      const rows = await knex('autonomy_team_tallies').orderBy('owner_ref');
      const expected = (owner: string) =>
        tallyCells(
          cells
            .filter(c => c.owner_ref === `group:default/${owner}`)
            .map(c => ({
              guardrailId: c.guardrail_id,
              state: c.state,
              count: c.count,
            })),
        );
      expect(rows.map(r => [r.owner_ref, JSON.parse(r.tallies)])).toEqual([
        ['group:default/a', expected('a')],
        ['group:default/b', expected('b')],
      ]);
      expect(expected('a')).toEqual({ owner: [4, 3], runbook: [2, 2] });

      await knex.migrate.down({ directory, name });
      expect(await knex.schema.hasTable('autonomy_team_tallies')).toBe(false);
      expect(await knex('autonomy_heatmap').count({ n: '*' })).toEqual([
        { n: id.startsWith('POSTGRES') ? '7' : 7 },
      ]);
    });
  },
);
