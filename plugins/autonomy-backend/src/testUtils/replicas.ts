import type {
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import type { AnalysisPipeline } from '../run/AnalysisPipeline';
import { createStores, type Stores } from '../store/createStores';

/**
 * The stores of two replicas on one fresh PostgreSQL test database, each with a database client
 * of its own as two backend instances have (`knex` is the first's); `close` ends the second client.
 */
export async function openReplicaStores(
  databases: TestDatabases,
  id: TestDatabaseId,
): Promise<{
  knex: Knex;
  stores: [Stores, Stores];
  close: () => Promise<void>;
}> {
  const knex = await databases.init(id);
  const other = knexFactory({
    client: 'pg',
    connection: knex.client.config.connection,
  });
  return {
    knex,
    stores: [
      await createStores({ getClient: async () => knex }),
      await createStores({ getClient: async () => other }),
    ],
    close: () => other.destroy(),
  };
}

/**
 * Runs `run` (a full run on one replica) while `other` works shards alongside it, as another
 * replica's scheduled worker would; answers what `run` answered and how many shards `other` worked.
 */
export async function alongsideReplica<T>(
  other: Pick<AnalysisPipeline, 'workShards'>,
  run: () => Promise<T>,
): Promise<{ result: T; otherShards: number }> {
  let running = true;
  const worker = (async () => {
    let shards = 0;
    while (running) {
      shards += await other.workShards();
      await new Promise(r => setTimeout(r, 10));
    }
    return shards;
  })();
  try {
    const result = await run();
    running = false;
    return { result, otherShards: await worker };
  } finally {
    // Also when `run` fails: the worker stops after its current shard.
    running = false;
  }
}
