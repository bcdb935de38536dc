// @ts-check

/**
 * A guardrail preview (dry-run) answers from the latest analysis without reading the catalog, so
 * it needs what a guardrail's applicability and catalog facts read of every entity: type,
 * lifecycle, tags, annotations, links, the owner's kind and type, the mission chain and the
 * boundary facts. The entity rows hold only the results of today's guardrails, and only for the
 * entities some guardrail applies to; this table holds those inputs for every catalog entity,
 * one compact JSON row each, written by a full run only where they changed (content hash).
 *
 * Additive: a new table; nothing existing changes. It fills at the next full run.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('autonomy_preview_inputs', table => {
    table.comment(
      'Per catalog entity, what guardrail applicability and catalog facts read (for previews)',
    );
    table.string('entity_ref', 255).primary().notNullable();
    table
      .string('kind', 63)
      .notNullable()
      .comment(
        'Lower-case kind: a preview of a kind-scoped guardrail reads only these',
      );
    table.string('owner_ref', 255).nullable();
    table.text('inputs').notNullable().comment('JSON PreviewInput');
    table
      .string('content_hash', 64)
      .notNullable()
      .comment('Hash of the inputs: unchanged rows are not rewritten');
    table.index(['kind'], 'autonomy_preview_inputs_kind_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('autonomy_preview_inputs');
};
