// @ts-check

/**
 * Catalog scale: a page of team roll-ups reads each team's results per guardrail from one row
 * instead of adding up its heat-map cells per request (20 teams of a 100,000-entity store: 2,000
 * cells and 3.7-4.6 ms of PostgreSQL time a page). `tallies` is JSON, guardrail id → [results,
 * met], kept with the heat map (aggregates.ts syncHeatmap); the halves are split from it with
 * the set a reader uses. Filled here from the stored heat map. Additive.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('autonomy_team_tallies', table => {
    table.string('owner_ref', 255).primary().notNullable();
    table
      .text('tallies')
      .notNullable()
      .comment('JSON: guardrail id -> [results, met], not-applicable left out');
  });
  // As src/store/teamTallies.ts tallies them, written out here: a migration keeps its own code.
  const rows = await knex('autonomy_heatmap')
    .select(
      'owner_ref',
      'guardrail_id',
      knex.raw('SUM(count) AS results'),
      knex.raw(
        `SUM(CASE WHEN state IN ('pass', 'exempt') THEN count ELSE 0 END) AS met`,
      ),
    )
    .where('count', '>', 0)
    .andWhereNot('state', 'not-applicable')
    .groupBy('owner_ref', 'guardrail_id')
    .orderBy(['owner_ref', 'guardrail_id']);
  /** @type {Map<string, Record<string, [number, number]>>} */
  const byOwner = new Map();
  for (const row of rows) {
    const tallies = byOwner.get(row.owner_ref) ?? Object.create(null);
    tallies[row.guardrail_id] = [Number(row.results), Number(row.met)];
    byOwner.set(row.owner_ref, tallies);
  }
  const filled = [...byOwner].map(([owner_ref, tallies]) => ({
    owner_ref,
    tallies: JSON.stringify(tallies),
  }));
  for (let i = 0; i < filled.length; i += 500)
    await knex('autonomy_team_tallies').insert(filled.slice(i, i + 500));
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('autonomy_team_tallies');
};
