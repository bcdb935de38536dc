// @ts-check

/**
 * Catalog scale: a run skips an entity whose inputs are the same as when its row was written.
 * Each entity row (and each staged row) gains what decides that: a key of everything the
 * evaluation read apart from the clock, and the instant from which the clock alone could change
 * the outcome (a fact going stale, a grace period or campaign deadline passing, an exemption
 * expiring). Additive: existing rows have neither, so the next run evaluates them once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const name of ['autonomy_entity_scores', 'autonomy_staged_scores']) {
    await knex.schema.alterTable(name, table => {
      table
        .string('input_key', 64)
        .nullable()
        .comment(
          'Hash of what the evaluation read (catalog inputs, pushed-fact versions, exemptions, guardrail set); NULL: evaluate at the next run',
        );
      table
        .string('recheck_at', 32)
        .nullable()
        .comment(
          'ISO instant from which time alone may change the outcome; NULL: never',
        );
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const name of ['autonomy_entity_scores', 'autonomy_staged_scores']) {
    await knex.schema.alterTable(name, table => {
      table.dropColumn('input_key');
      table.dropColumn('recheck_at');
    });
  }
};
