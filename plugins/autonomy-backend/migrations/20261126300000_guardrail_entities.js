// @ts-check

/**
 * Guardrails as catalog data: the effective set of definitions (app-config's and the valid
 * Guardrail entities', with the teams' opt-outs and tightenings) each full run evaluated with,
 * keyed by its fingerprint, so that every replica evaluates and reads with the same set; the
 * daily pass rate of each guardrail; and the set a shard is evaluated with.
 *
 * Additive only: nothing existing changes.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('autonomy_guardrail_sets', table => {
    table.comment(
      'Effective guardrail sets, by fingerprint; the last applied one is what readers see',
    );
    table.string('fingerprint', 64).primary().notNullable();
    table
      .text('definition')
      .notNullable()
      .comment(
        'JSON GuardrailSet: definitions, opt-outs, tightenings and problems',
      );
    table
      .string('created_at', 32)
      .notNullable()
      .comment('When a full run last built this set (ISO timestamp)');
    table
      .string('applied_at', 32)
      .nullable()
      .comment('When a full run evaluated with it was last applied');
    table.index(['created_at'], 'autonomy_guardrail_sets_created_idx');
    table.index(['applied_at'], 'autonomy_guardrail_sets_applied_idx');
  });
  await knex.schema.createTable('autonomy_guardrail_history', table => {
    table.comment(
      'Results per guardrail over owned entities, as change points (a row on a day they changed)',
    );
    table.string('guardrail_id', 63).notNullable();
    table.string('day', 10).notNullable();
    table.integer('total').notNullable().comment('Results of any state');
    table
      .integer('met')
      .notNullable()
      .comment('Results that pass or are exempt');
    table.primary(['guardrail_id', 'day']);
  });
  await knex.schema.alterTable('autonomy_analysis_shards', table => {
    table
      .string('guardrail_set', 64)
      .nullable()
      .comment('Fingerprint of the guardrail set the run evaluates with');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('autonomy_analysis_shards', table => {
    table.dropColumn('guardrail_set');
  });
  await knex.schema.dropTable('autonomy_guardrail_history');
  await knex.schema.dropTable('autonomy_guardrail_sets');
};
