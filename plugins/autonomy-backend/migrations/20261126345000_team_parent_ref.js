// @ts-check

/**
 * A team's parent group (its department), so the boundary map can group teams by department
 * without reading the catalog. Filled by the next analysis; NULL for groups without a parent.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('autonomy_teams', table => {
    table
      .text('parent_ref')
      .nullable()
      .comment('The parent group (spec.parent), e.g. the department');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('autonomy_teams', table => {
    table.dropColumn('parent_ref');
  });
};
