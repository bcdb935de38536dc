// @ts-check

/**
 * Guardrail evaluation: current results and scores (replaced whole by each full run, per entity by
 * single-entity runs), daily history points with bounded retention, exemptions (never deleted:
 * revoking keeps the record) and the latest pushed facts per entity and source.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('autonomy_guardrail_results', table => {
    table.comment(
      'Current result of each applicable guardrail for each entity',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('guardrail_id', 63).notNullable();
    table.string('state', 15).notNullable();
    table.text('message').nullable();
    table.text('facts').notNullable().comment('JSON FactObservation[]');
    table.string('exemption_id', 36).nullable();
    table.primary(['entity_ref', 'guardrail_id']);
    table.index(
      ['guardrail_id', 'state'],
      'autonomy_guardrail_results_state_idx',
    );
  });
  await knex.schema.createTable('autonomy_entity_scores', table => {
    table.comment('Current level and score of each evaluated entity');
    table.string('entity_ref', 255).primary().notNullable();
    table.string('kind', 63).notNullable();
    table.text('title').notNullable();
    table.string('owner_ref', 255).nullable();
    table.string('system_ref', 255).nullable();
    table.string('domain_ref', 255).nullable();
    table.string('level', 63).nullable();
    table
      .integer('level_rank')
      .notNullable()
      .comment('-1 when no level is reached');
    table.double('score').nullable();
    for (const state of [
      'pass',
      'fail',
      'warning',
      'exempt',
      'unknown',
      'error',
    ]) {
      table.integer(`${state}_count`).notNullable();
    }
    table.text('failing_guardrail_ids').notNullable().comment('JSON string[]');
    table.text('blocking_next').notNullable().comment('JSON string[]');
    table.string('evaluated_at', 32).notNullable();
    table.index(['owner_ref'], 'autonomy_entity_scores_owner_idx');
    table.index(['system_ref'], 'autonomy_entity_scores_system_idx');
    table.index(['domain_ref'], 'autonomy_entity_scores_domain_idx');
    table.index(['level_rank', 'score'], 'autonomy_entity_scores_level_idx');
  });
  await knex.schema.createTable('autonomy_score_history', table => {
    table.comment('One point per day per entity, team and the organisation');
    table.string('day', 10).notNullable();
    table.string('scope_type', 15).notNullable().comment('entity, team or org');
    table.string('scope_ref', 255).notNullable();
    table.double('score').nullable();
    table.integer('entity_count').notNullable();
    table.text('level_counts').notNullable().comment('JSON level -> count');
    table.primary(['scope_type', 'scope_ref', 'day']);
    table.index(['day'], 'autonomy_score_history_day_idx');
  });
  await knex.schema.createTable('autonomy_exemptions', table => {
    table.comment(
      'Exemptions per entity and guardrail; expire by themselves, revoking keeps them',
    );
    table.string('id', 36).primary().notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('guardrail_id', 63).notNullable();
    table.text('reason').notNullable();
    table.string('expires_at', 32).notNullable();
    table.text('compensating_control').nullable();
    table.text('decision_record_url').nullable();
    table.string('created_by', 255).notNullable();
    table.string('created_at', 32).notNullable();
    table.string('revoked_by', 255).nullable();
    table.string('revoked_at', 32).nullable();
    table.text('revoke_reason').nullable();
    table.index(
      ['entity_ref', 'guardrail_id'],
      'autonomy_exemptions_entity_idx',
    );
    table.index(['guardrail_id'], 'autonomy_exemptions_guardrail_idx');
  });
  await knex.schema.createTable('autonomy_pushed_facts', table => {
    table.comment('The latest facts pushed per entity and source');
    table.string('entity_ref', 255).notNullable();
    table.string('source', 63).notNullable();
    table.text('fact_values').notNullable().comment('JSON');
    table.string('observed_at', 32).notNullable();
    table.string('received_at', 32).notNullable();
    table.primary(['entity_ref', 'source']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('autonomy_pushed_facts');
  await knex.schema.dropTable('autonomy_exemptions');
  await knex.schema.dropTable('autonomy_score_history');
  await knex.schema.dropTable('autonomy_entity_scores');
  await knex.schema.dropTable('autonomy_guardrail_results');
};
