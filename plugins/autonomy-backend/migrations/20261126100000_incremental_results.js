// @ts-check

/**
 * Catalog scale: one row per evaluated entity holds all its results, so a run writes only the
 * entities whose results changed (found by a content hash), and a full run can be split into
 * shards that several replicas evaluate.
 *
 * - `autonomy_entity_scores` gains the entity's results (JSON), a content hash, a shard bucket and
 *   the guardrail states it is in (for the scorecard filters; a GIN-indexed text array on
 *   PostgreSQL, a delimited text on SQLite).
 * - Roll-ups and heat-map cells are stored per scope, kept current by each run, so reads do not
 *   aggregate the catalog.
 * - Runs and their shards are rows that replicas claim; staged rows hold a run's changes until the
 *   run applies them in one transaction, so readers see one complete analysis or the next.
 *
 * Additive: existing rows keep their data, and the results of `autonomy_guardrail_results` are
 * copied into the entity rows (that table is no longer written; a later release drops it).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const isPg = knex.client.config.client === 'pg';
  await knex.schema.alterTable('autonomy_entity_scores', table => {
    table
      .text('results')
      .nullable()
      .comment('JSON StoredEvaluation: the results and the facts behind them');
    table
      .string('content_hash', 64)
      .nullable()
      .comment(
        'Hash of everything stored but the time: unchanged rows are not rewritten',
      );
    table
      .integer('bucket')
      .notNullable()
      .defaultTo(0)
      .comment(
        'Stable hash bucket of the entity ref (0-1023); shards are bucket ranges',
      );
    table.index(['bucket'], 'autonomy_entity_scores_bucket_idx');
    // The scorecard page sorts by these: a page is read from an index, not a sort of the catalog.
    table.index(['score', 'entity_ref'], 'autonomy_entity_scores_score_idx');
    table.index(['title', 'entity_ref'], 'autonomy_entity_scores_title_idx');
    table.index(
      ['fail_count', 'entity_ref'],
      'autonomy_entity_scores_failing_idx',
    );
  });
  if (isPg) {
    await knex.raw(
      'ALTER TABLE autonomy_entity_scores ADD COLUMN states text[] NULL',
    );
    await knex.raw(
      'CREATE INDEX autonomy_entity_scores_states_idx ON autonomy_entity_scores USING gin (states)',
    );
  } else {
    await knex.schema.alterTable('autonomy_entity_scores', table => {
      table.text('states').nullable();
    });
  }

  await knex.schema.createTable('autonomy_rollups', table => {
    table.comment(
      'Scores and counts per owner, system, domain and the organisation',
    );
    table
      .string('scope_type', 15)
      .notNullable()
      .comment('owner, system, domain or org');
    table.string('scope_ref', 255).notNullable();
    table.integer('entity_count').notNullable();
    table.double('score_sum').notNullable();
    table.integer('scored_count').notNullable();
    table.text('state_counts').notNullable().comment('JSON state -> count');
    table
      .text('level_counts')
      .notNullable()
      .comment('JSON level (or none) -> count');
    table.primary(['scope_type', 'scope_ref']);
  });
  await knex.schema.createTable('autonomy_heatmap', table => {
    table.comment('Results per owning team, guardrail and state');
    table.string('owner_ref', 255).notNullable();
    table.string('guardrail_id', 63).notNullable();
    table.string('state', 15).notNullable();
    table.integer('count').notNullable();
    table.primary(['owner_ref', 'guardrail_id', 'state']);
  });
  await knex.schema.createTable('autonomy_analysis_shards', table => {
    table.comment('The shards of full analysis runs, claimed by replicas');
    table.string('run_id', 36).notNullable();
    table.integer('shard').notNullable();
    table
      .string('run_started_at', 32)
      .notNullable()
      .comment('The time every shard of the run evaluates at');
    table.integer('bucket_from').notNullable();
    table.integer('bucket_to').notNullable().comment('exclusive');
    table.text('entity_refs').notNullable().comment('JSON string[]');
    table.string('status', 15).notNullable().comment('pending, running, done');
    table.string('claimed_by', 255).nullable();
    table.string('heartbeat_at', 32).nullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table
      .text('aggregate')
      .nullable()
      .comment('JSON heat-map cells of the shard');
    table.integer('rows_written').notNullable().defaultTo(0);
    table.primary(['run_id', 'shard']);
    table.index(['status'], 'autonomy_analysis_shards_status_idx');
  });
  // Staged rows have the columns of the entity rows (so a run applies them with one INSERT …
  // SELECT inside the database) plus the run and whether the entity was removed.
  await knex.raw(
    'CREATE TABLE autonomy_staged_scores AS SELECT * FROM autonomy_entity_scores WHERE 1 = 0',
  );
  await knex.schema.alterTable('autonomy_staged_scores', table => {
    table.comment(
      'Changed entity rows of a run in progress, applied at its end',
    );
    table.string('run_id', 36).notNullable().defaultTo('');
    table.boolean('removed').notNullable().defaultTo(false);
    table.index(['run_id', 'bucket'], 'autonomy_staged_scores_run_idx');
    // A shard taken over from a replica that seemed dead stages the same rows again: they merge.
    table.unique(['run_id', 'entity_ref'], {
      indexName: 'autonomy_staged_scores_entity_idx',
    });
  });

  // Copy today's results into the entity rows, a page of entities at a time.
  const PAGE = 500;
  let after = '';
  for (;;) {
    const scores = await knex('autonomy_entity_scores')
      .select('entity_ref')
      .where('entity_ref', '>', after)
      .orderBy('entity_ref')
      .limit(PAGE);
    if (!scores.length) break;
    after = scores[scores.length - 1].entity_ref;
    const refs = scores.map(s => s.entity_ref);
    const results = await knex('autonomy_guardrail_results')
      .whereIn('entity_ref', refs)
      .orderBy(['entity_ref', 'guardrail_id']);
    /** @type {Map<string, {results: any[], facts: any[]}>} */
    const byEntity = new Map(refs.map(r => [r, { results: [], facts: [] }]));
    for (const r of results) {
      const stored = byEntity.get(r.entity_ref);
      if (!stored) continue;
      const facts = JSON.parse(r.facts);
      const f = facts.map((/** @type {any} */ fact) => {
        stored.facts.push(fact);
        return stored.facts.length - 1;
      });
      stored.results.push({
        g: r.guardrail_id,
        s: r.state,
        ...(r.message ? { m: r.message } : {}),
        ...(r.exemption_id ? { x: r.exemption_id } : {}),
        f,
      });
    }
    for (const [ref, stored] of byEntity) {
      const tokens = stored.results
        .filter(r => r.s !== 'pass')
        .map(r => `${r.g}:${r.s}`)
        .concat([...new Set(stored.results.map(r => `*:${r.s}`))]);
      await knex('autonomy_entity_scores')
        .where({ entity_ref: ref })
        .update({
          results: JSON.stringify({
            results: stored.results,
            facts: stored.facts,
          }),
          states: isPg ? tokens : `|${tokens.join('|')}|`,
          bucket: bucketOf(ref),
        });
    }
  }
};

/**
 * The shard bucket of an entity ref: FNV-1a over its UTF-16 code units, modulo 1024. The same
 * function is in src/domain/shards.ts; a migration must not import application code that may
 * change later, so it keeps its own copy.
 *
 * @param {string} ref
 */
function bucketOf(ref) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < ref.length; i++) {
    hash ^= ref.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % 1024;
}

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('autonomy_staged_scores');
  await knex.schema.dropTable('autonomy_analysis_shards');
  await knex.schema.dropTable('autonomy_heatmap');
  await knex.schema.dropTable('autonomy_rollups');
  if (knex.client.config.client === 'pg') {
    await knex.raw('DROP INDEX autonomy_entity_scores_states_idx');
  }
  await knex.schema.alterTable('autonomy_entity_scores', table => {
    table.dropIndex([], 'autonomy_entity_scores_failing_idx');
    table.dropIndex([], 'autonomy_entity_scores_title_idx');
    table.dropIndex([], 'autonomy_entity_scores_score_idx');
    table.dropIndex(['bucket'], 'autonomy_entity_scores_bucket_idx');
    table.dropColumn('states');
    table.dropColumn('bucket');
    table.dropColumn('content_hash');
    table.dropColumn('results');
  });
};
