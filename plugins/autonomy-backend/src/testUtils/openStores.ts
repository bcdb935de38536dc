import type {
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createStores } from '../store/createStores';

/** A fresh test database of this kind, migrated, with every store on it. */
export async function openStores(databases: TestDatabases, id: TestDatabaseId) {
  const knex = await databases.init(id);
  return { knex, stores: await createStores({ getClient: async () => knex }) };
}
