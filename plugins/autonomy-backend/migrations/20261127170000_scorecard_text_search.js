// @ts-check

/**
 * Catalog scale: the scorecard view's search finds an entity by part of its title or ref. At
 * 100,000 entities a search read every row (150-400 ms a page on PostgreSQL); a trigram index
 * answers it from the index (0.2-4 ms). `pg_trgm` ships with PostgreSQL and is trusted since
 * version 13, so the plugin's role creates it in its own database. Where it cannot (no contrib
 * package, an older server, a role without CREATE), the index is left out and search reads the
 * table as before: nothing else depends on it. SQLite: unchanged. Additive.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') return;
  try {
    // A nested transaction is a savepoint: a refusal here leaves the migration's own intact.
    await knex.transaction(async trx => {
      await trx.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      // Where the extension is already, which need not be on this plugin's search path (a
      // schema per plugin).
      const { rows } = await trx.raw(
        `SELECT extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname = 'pg_trgm'`,
      );
      const ops = `${rows[0].schema}.gin_trgm_ops`;
      await trx.raw(
        `CREATE INDEX autonomy_entity_scores_search_idx ON autonomy_entity_scores USING gin (lower(title) ${ops}, lower(entity_ref) ${ops})`,
      );
    });
  } catch {
    // Search without the index: slower at scale, the same results. The plugin says so at
    // start-up (DatabaseGuardrailStore.searchIndexMissing).
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') return;
  // The extension stays: something else in the database may use it by now.
  await knex.raw('DROP INDEX IF EXISTS autonomy_entity_scores_search_idx');
};
