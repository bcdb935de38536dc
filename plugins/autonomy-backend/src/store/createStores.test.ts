import { TestDatabases } from '@backstage/backend-test-utils';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import knexFactory, { type Knex } from 'knex';
import { createStores } from './createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const asService = (knex: Knex): DatabaseService => ({
  getClient: async () => knex,
  migrations: { skip: false },
});

const tables = async (knex: Knex) =>
  (await knex('autonomy_entity_scores').count({ n: '*' })) &&
  (await knex('autonomy_missions').count({ n: '*' }));

describe('createStores', () => {
  it.each(databases.eachSupportedId())(
    'runs the migrations, and again without harm, on %p',
    async id => {
      const knex = await databases.init(id);
      await createStores(asService(knex));
      await knex('autonomy_missions').count({ n: '*' });
      await expect(createStores(asService(knex))).resolves.toBeDefined();
      await expect(tables(knex)).resolves.toBeDefined();
    },
  );

  // Replicas share PostgreSQL; the embedded database has one process by nature.
  // In CI PostgreSQL is always there: a missing one fails the test rather than skipping it.
  const onPostgres =
    databases.supports('POSTGRES_15') || process.env.CI ? it : it.skip;
  onPostgres(
    'starts four replicas at once on one new PostgreSQL database',
    async () => {
      const first = await databases.init('POSTGRES_15');
      const replicas = Array.from({ length: 3 }, () =>
        knexFactory(first.client.config),
      );
      try {
        await Promise.all(
          [first, ...replicas].map(knex => createStores(asService(knex))),
        );
        const [{ n }] = await first('knex_migrations').count({ n: '*' });
        expect(Number(n)).toBeGreaterThanOrEqual(3);
      } finally {
        await Promise.all(replicas.map(knex => knex.destroy()));
      }
    },
  );
});
