// @ts-check

/**
 * At most one active exemption per entity × guardrail, held by the database rather than by a
 * read-then-insert that concurrent requests can interleave.
 *
 * Expiry is a matter of time, so "active" cannot be a column the database derives. Instead
 * `active_key` is set while an exemption holds the place (created, not revoked) and cleared on
 * revoke; an expired exemption still holding it is cleared in the transaction that creates its
 * successor. A unique index over (entity, guardrail, active_key) lets one row hold it: NULLs never
 * collide, on PostgreSQL and SQLite alike.
 *
 * Existing duplicates (possible before this index) are settled by keeping the newest active one
 * and revoking the others, saying which one superseded them; no record is deleted.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('autonomy_exemptions', table => {
    table
      .integer('active_key')
      .nullable()
      .comment(
        '1 while the exemption holds its entity × guardrail place; NULL once revoked or replaced after expiry',
      );
  });

  const now = new Date().toISOString();
  const active = await knex('autonomy_exemptions')
    .whereNull('revoked_at')
    .andWhere('expires_at', '>', now)
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .select('id', 'entity_ref', 'guardrail_id');
  /** @type {Map<string, string>} */
  const kept = new Map();
  for (const row of active) {
    const key = JSON.stringify([row.entity_ref, row.guardrail_id]);
    const newest = kept.get(key);
    if (newest === undefined) {
      kept.set(key, row.id);
      continue;
    }
    await knex('autonomy_exemptions')
      .where({ id: row.id })
      .update({
        revoked_at: now,
        revoked_by: 'aligned-autonomy:migration',
        revoke_reason: `Superseded by exemption ${newest}: only one exemption per entity and guardrail can be active`,
      });
  }
  for (const ids of chunks([...kept.values()], 500)) {
    await knex('autonomy_exemptions')
      .whereIn('id', ids)
      .update({ active_key: 1 });
  }

  await knex.schema.alterTable('autonomy_exemptions', table => {
    table.unique(['entity_ref', 'guardrail_id', 'active_key'], {
      indexName: 'autonomy_exemptions_active_idx',
    });
  });
};

/**
 * @template T
 * @param {T[]} items
 * @param {number} size
 */
function chunks(items, size) {
  const result = [];
  for (let i = 0; i < items.length; i += size)
    result.push(items.slice(i, i + size));
  return result;
}

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('autonomy_exemptions', table => {
    table.dropUnique(
      ['entity_ref', 'guardrail_id', 'active_key'],
      'autonomy_exemptions_active_idx',
    );
    table.dropColumn('active_key');
  });
};
