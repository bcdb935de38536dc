import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { MIGRATIONS_DIRECTORY as directory } from './createStores';
import { DatabaseGuardrailStore } from './DatabaseGuardrailStore';
import { asLimitedRole } from '../testUtils/limitedRole';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const postgres = TestDatabases.create({ ids: ['POSTGRES_15'] });

const search = (store: DatabaseGuardrailStore) =>
  store.listScores({
    text: 'pay',
    orderBy: 'title',
    order: 'asc',
    limit: 10,
    offset: 0,
  });

describe.each(databases.eachSupportedId())(
  'the scorecard search index migration on %p',
  (id: TestDatabaseId) => {
    it('migrates, and the search reads an index wherever PostgreSQL has one to read', async () => {
      const knex = await databases.init(id);
      await knex.migrate.latest({ directory });
      const store = new DatabaseGuardrailStore(knex);
      expect(await store.searchIndexMissing()).toBe(false);
      expect((await search(store)).total).toBe(0);
      await knex.migrate.down({ directory });
      await knex.migrate.latest({ directory });
      expect(await store.searchIndexMissing()).toBe(false);
    });
  },
);

describe.each(postgres.eachSupportedId())(
  'the scorecard search index migration on %p, for a role that may not create pg_trgm',
  (id: TestDatabaseId) => {
    it('migrates without the index, and the search still works', async () => {
      const knex = await postgres.init(id);
      // A role that owns its tables but may not create an extension in the database.
      await asLimitedRole(
        knex,
        async () => {},
        async limited => {
          await limited.migrate.latest({ directory });
          const store = new DatabaseGuardrailStore(limited);
          expect(await store.searchIndexMissing()).toBe(true);
          expect((await search(store)).total).toBe(0);
          // Every migration after it ran too.
          expect(await limited.migrate.list({ directory })).toEqual([
            expect.any(Array),
            [],
          ]);
        },
      );
    });
  },
);
