import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import {
  createStores,
  MIGRATIONS_DIRECTORY as directory,
} from './createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const score = (name: string) => ({
  entity_ref: `component:default/${name}`,
  kind: 'component',
  title: name,
  owner_ref: 'group:default/team-a',
  level: 'bronze',
  level_rank: 0,
  score: 50,
  pass_count: 1,
  fail_count: 1,
  warning_count: 0,
  exempt_count: 0,
  unknown_count: 0,
  error_count: 0,
  failing_guardrail_ids: '["runbook"]',
  blocking_next: '["runbook"]',
  evaluated_at: '2026-11-21T12:00:00.000Z',
});

describe.each(databases.eachSupportedId())(
  'the incremental-results migration on %p',
  (id: TestDatabaseId) => {
    it('moves today’s results into the entity rows, where the store reads and filters them', async () => {
      const knex = await databases.init(id);
      // The database as the previous release left it, with its data.
      await knex.migrate.up({ directory, name: '20261121100000_missions.js' });
      await knex.migrate.up({
        directory,
        name: '20261121120000_guardrails.js',
      });
      await knex.migrate.up({
        directory,
        name: '20261121130000_boundaries.js',
      });
      await knex('autonomy_entity_scores').insert([score('a'), score('b')]);
      const fact = {
        id: 'entity.lifecycle',
        value: 'production',
        source: 'catalog',
      };
      await knex('autonomy_guardrail_results').insert([
        {
          entity_ref: 'component:default/a',
          guardrail_id: 'lifecycle',
          state: 'pass',
          facts: JSON.stringify([fact]),
        },
        {
          entity_ref: 'component:default/a',
          guardrail_id: 'runbook',
          state: 'fail',
          message: 'expected a runbook',
          facts: '[]',
        },
      ]);

      const stores = await createStores({ getClient: async () => knex });

      expect(await stores.guardrails.getResults('component:default/a')).toEqual(
        [
          { guardrailId: 'lifecycle', state: 'pass', facts: [fact] },
          {
            guardrailId: 'runbook',
            state: 'fail',
            message: 'expected a runbook',
            facts: [],
          },
        ],
      );
      expect(await stores.guardrails.getResults('component:default/b')).toEqual(
        [],
      );
      const failing = await stores.guardrails.listScores({
        guardrailId: 'runbook',
        state: ['fail'],
        orderBy: 'title',
        order: 'asc',
        limit: 10,
        offset: 0,
      });
      expect(failing.items.map(i => i.entityRef)).toEqual([
        'component:default/a',
      ]);
      // Nothing was lost: the old rows are still there, and the next run rewrites every entity
      // (no row has a content hash yet).
      expect(
        Number(
          (await knex('autonomy_guardrail_results').count({ n: '*' }))[0].n,
        ),
      ).toBe(2);
      expect(
        (await knex('autonomy_entity_scores').whereNotNull('content_hash'))
          .length,
      ).toBe(0);
    });
  },
);
