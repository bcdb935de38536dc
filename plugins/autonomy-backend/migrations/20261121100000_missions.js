// @ts-check

/**
 * Mission analysis results: one row per entity with its resolved mission chain, one per mission,
 * and the problems found across missions. Written whole by each analysis run (one transaction).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('autonomy_entity_missions', table => {
    table.comment('The resolved mission chain of each catalog entity');
    table.string('entity_ref', 255).primary().notNullable();
    table.string('kind', 63).notNullable();
    table.string('spec_type', 255).nullable();
    table.text('title').notNullable();
    table.string('owner_ref', 255).nullable();
    table.string('mission_ref', 255).nullable();
    table.string('via', 31).nullable();
    table.string('source_ref', 255).nullable();
    table
      .text('chain_refs')
      .notNullable()
      .comment('JSON array of mission refs, nearest first');
    table.string('problem_type', 31).nullable();
    table.text('problem').nullable().comment('JSON ChainProblem');
    table.boolean('has_own_mission').nullable();
    table.index(['kind', 'spec_type'], 'autonomy_entity_missions_kind_idx');
    table.index(['problem_type'], 'autonomy_entity_missions_problem_idx');
  });
  await knex.schema.createTable('autonomy_missions', table => {
    table.comment('Every Mission entity, summarised');
    table.string('mission_ref', 255).primary().notNullable();
    table.string('parent_ref', 255).nullable();
    table.string('owner_ref', 255).notNullable();
    table.string('department_ref', 255).nullable();
    table.string('review_by', 10).nullable().comment('ISO date');
    table
      .text('summary')
      .notNullable()
      .comment('JSON MissionSummary without stale');
  });
  await knex.schema.createTable('autonomy_mission_problems', table => {
    table.comment(
      'Problems that need the whole catalog to see: missing owners/parents, cycles',
    );
    table.increments('id');
    table.string('mission_ref', 255).notNullable();
    table.string('type', 31).notNullable();
    table.text('message').notNullable();
  });
  await knex.schema.createTable('autonomy_analysis_runs', table => {
    table.comment('When each analysis last completed');
    table.string('name', 63).primary().notNullable();
    table.string('evaluated_at', 32).notNullable().comment('ISO timestamp');
    table.integer('entity_count').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('autonomy_analysis_runs');
  await knex.schema.dropTable('autonomy_mission_problems');
  await knex.schema.dropTable('autonomy_missions');
  await knex.schema.dropTable('autonomy_entity_missions');
};
