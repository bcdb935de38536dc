// @ts-check

/**
 * Catalog scale: a run that finds the catalog as the last run left it keeps the stored mission,
 * boundary and preview analyses instead of redoing them. `fingerprint` holds what the analyses
 * were made from (the catalog snapshot and the day) on the row named `catalog`. Additive.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('autonomy_analysis_runs', table => {
    table
      .string('fingerprint', 64)
      .nullable()
      .comment(
        'Row `catalog`: hash of the snapshot and day the stored analyses were made from',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('autonomy_analysis_runs', table => {
    table.dropColumn('fingerprint');
  });
};
