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

describe('createStores', () => {
  it.each(databases.eachSupportedId())(
    'migrates a new database, from four replicas at once where there can be several, on %p',
    async id => {
      const knex = await databases.init(id);
      // Replicas share PostgreSQL; the embedded database has one process by nature.
      const replicas =
        id === 'POSTGRES_15'
          ? Array.from({ length: 3 }, () => knexFactory(knex.client.config))
          : [];
      try {
        await Promise.all(
          [knex, ...replicas].map(client => createStores(asService(client))),
        );
        const [{ n }] = await knex('knex_migrations').count({ n: '*' });
        expect(Number(n)).toBeGreaterThanOrEqual(3);
        // One lock row, unlocked: with two, every later start would fail as "already locked".
        expect(await knex('knex_migrations_lock').select('is_locked')).toEqual([
          { is_locked: 0 },
        ]);

        // A later start finds everything done.
        await createStores(asService(knex));
        const [{ count }] = await knex('autonomy_entity_scores').count({
          count: '*',
        });
        expect(Number(count)).toBe(0);
      } finally {
        await Promise.all(replicas.map(client => client.destroy()));
      }
    },
  );
});
