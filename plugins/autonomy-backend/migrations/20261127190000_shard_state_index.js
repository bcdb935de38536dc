// @ts-check

/**
 * Catalog scale: every shard of a run first reads, for its bucket range, each stored entity's
 * content hash, input key and recheck instant (`storedState`), to pass over the entities whose
 * inputs have not changed. Through the plain bucket index that read fetched each row from the
 * table, where rows of a range lie on as many pages as there are rows (a row holds its results):
 * 24-58 ms per shard of 4,356 entities at 100,000, twenty per run, on the 2-core machine. The
 * index now carries those columns, and the read is answered from it (2.5 ms once the table is
 * vacuumed, which a run does after a bulk write). On PostgreSQL the columns are included; SQLite
 * has no INCLUDE and reads a composite index the same way. The plain bucket index is then
 * redundant and goes. Indexes only: no row is rewritten, and older code reads the new index.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      'CREATE INDEX autonomy_entity_scores_shard_state_idx ON autonomy_entity_scores (bucket) INCLUDE (entity_ref, content_hash, input_key, recheck_at)',
    );
  } else {
    await knex.schema.alterTable('autonomy_entity_scores', table => {
      table.index(
        ['bucket', 'entity_ref', 'content_hash', 'input_key', 'recheck_at'],
        'autonomy_entity_scores_shard_state_idx',
      );
    });
  }
  await knex.schema.alterTable('autonomy_entity_scores', table => {
    table.dropIndex([], 'autonomy_entity_scores_bucket_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('autonomy_entity_scores', table => {
    table.index(['bucket'], 'autonomy_entity_scores_bucket_idx');
    table.dropIndex([], 'autonomy_entity_scores_shard_state_idx');
  });
};
