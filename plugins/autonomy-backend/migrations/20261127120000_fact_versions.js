// @ts-check

/**
 * Catalog scale: a counter per entity that every stored push raises, so a run tells whether an
 * entity's pushed facts changed by reading one small row instead of every source's row.
 * Additive; filled from the facts already pushed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('autonomy_fact_versions', table => {
    table.comment(
      'Per entity: raised by every stored push, so a run sees which entities have new facts',
    );
    table.string('entity_ref', 255).primary().notNullable();
    table.bigInteger('version').notNullable();
  });
  await knex.raw(
    'INSERT INTO autonomy_fact_versions (entity_ref, version) SELECT entity_ref, COUNT(*) FROM autonomy_pushed_facts GROUP BY entity_ref',
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('autonomy_fact_versions');
};
