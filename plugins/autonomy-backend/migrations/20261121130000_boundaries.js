// @ts-check

/**
 * Boundary analysis: cross-team dependencies with their health, problems found while following
 * dependencies, each team's API and load, and ownership gaps. Replaced whole by each analysis run.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('autonomy_dependencies', table => {
    table.comment('Dependencies that cross a team boundary, classified');
    table.string('from_ref', 255).notNullable();
    table.string('to_ref', 255).notNullable();
    table.string('from_team_ref', 255).notNullable();
    table.string('to_team_ref', 255).notNullable();
    table.string('via', 15).notNullable();
    table.string('health', 15).notNullable();
    table.text('fix').nullable();
    table.primary(['from_ref', 'to_ref']);
    table.index(['to_ref'], 'autonomy_dependencies_to_idx');
    table.index(['from_team_ref'], 'autonomy_dependencies_from_team_idx');
    table.index(['to_team_ref'], 'autonomy_dependencies_to_team_idx');
  });
  await knex.schema.createTable('autonomy_boundary_problems', table => {
    table.comment('What the boundary analysis could not follow or flags');
    table.increments('id');
    table.string('type', 31).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.text('message').notNullable();
    table.text('refs').notNullable().comment('JSON string[]');
    table.index(['entity_ref'], 'autonomy_boundary_problems_entity_idx');
  });
  await knex.schema.createTable('autonomy_teams', table => {
    table.comment('Each group with its team API and load');
    table.string('team_ref', 255).primary().notNullable();
    table.text('title').notNullable();
    table.text('team_api').notNullable().comment('JSON TeamApi');
    table.text('load').notNullable().comment('JSON TeamLoad');
    table.text('expired_collaborations').notNullable().comment('JSON');
  });
  await knex.schema.createTable('autonomy_ownership_gaps', table => {
    table.comment('Ownership gaps in the catalog');
    table.increments('id');
    table.string('type', 31).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('owner_ref', 255).nullable();
    table.text('message').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('autonomy_ownership_gaps');
  await knex.schema.dropTable('autonomy_teams');
  await knex.schema.dropTable('autonomy_boundary_problems');
  await knex.schema.dropTable('autonomy_dependencies');
};
