import type { Knex } from 'knex';

/** PostgreSQL advisory-lock key for this plugin's migrations (any fixed number of our own). */
const MIGRATION_LOCK_KEY = 7_243_951_610;

/**
 * Runs the plugin's migrations to the latest, one replica at a time.
 *
 * Replicas starting together on a new PostgreSQL database race in knex's own set-up: each creates
 * knex's bookkeeping tables, and two may each insert the lock row. With two lock rows every later
 * start fails with "Migration table is already locked", for good (Backstage's own plugins can hit
 * this). A transaction-scoped advisory lock makes the others wait; the migrations themselves run
 * on other pooled connections meanwhile, so the pool needs two or more. The embedded database has
 * a single process and needs no lock.
 */
export async function migrateToLatest(
  client: Knex,
  directory: string,
): Promise<void> {
  if (client.client.dialect !== 'postgresql') {
    await client.migrate.latest({ directory });
    return;
  }
  await client.transaction(async trx => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
    await client.migrate.latest({ directory });
  });
}
