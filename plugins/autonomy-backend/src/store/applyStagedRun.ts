import type { Knex } from 'knex';
import { recordRun } from './analysisRuns';
import {
  countHeatmap,
  heatOfRows,
  moveHeatmap,
  refreshRollups,
  syncHeatmap,
  HeatmapTally,
  type ScopeType,
} from './aggregates';
import {
  historyRows,
  pruneHistory,
  writeHistory,
  writeStagedEntityHistory,
} from './scoreHistory';
import { SCORE_COLUMNS } from './scoreRows';
import { recordAppliedSet } from './DatabaseGuardrailSetStore';
import { bulkLoadsInto, withIndexesBuiltAfter } from './bulkIndexes';
import {
  failingCells,
  stagedLevelChanges,
  type ResultChangeListener,
} from './resultChanges';

/** The day a run's history points are for, how long history is kept, the set it evaluated. */
export interface ApplyHistory {
  day: string;
  pruneBeforeDay: string;
  guardrailSet?: string;
}

/** The row of `autonomy_analysis_runs` that records when the heat map was last counted whole. */
const HEATMAP_RECOUNT = 'heatmap-recount';

/**
 * Whether this apply counts the heat map again over every stored row instead of moving it: when a
 * shard was taken over (the replica that lost it may have staged rows after the tally of the one
 * that finished it, deciding otherwise), whenever a shard counted the older way (a replica not
 * yet upgraded), and once a day besides, so that a drift nobody foresaw lasts a day at most. The
 * scorecard view counts a guardrail's states from the map (see scorePages.ts). Records the
 * recount.
 */
async function heatmapRecountDue(
  tx: Knex.Transaction,
  day: string,
  tallies: string[],
  takenOver: boolean,
) {
  const last = await tx('autonomy_analysis_runs')
    .where({ name: HEATMAP_RECOUNT })
    .first('evaluated_at');
  const due =
    takenOver ||
    (last !== undefined && String(last.evaluated_at).slice(0, 10) !== day) ||
    tallies.some(t => !HeatmapTally.countsStaged(t));
  // Without a record (the first run, or the first since the map is moved) the map is exact: it
  // is empty, or was counted whole by every run before.
  if (due || !last)
    await tx('autonomy_analysis_runs')
      .insert({ name: HEATMAP_RECOUNT, evaluated_at: day, entity_count: 0 })
      .onConflict('name')
      .merge();
  return due;
}

/** Up to this many staged rows an apply refreshes only the roll-ups of the scopes they touch. */
const TOUCHED_SCOPES_UP_TO = 10_000;

/**
 * The teams, systems and domains whose roll-ups an apply can change: those of the stored rows it
 * replaces or removes, and of the rows it stages. Read before the stored rows are deleted.
 */
async function scopesOfStagedRun(
  tx: Knex.Transaction,
  runId: string,
): Promise<Partial<Record<ScopeType, string[]>>> {
  const columns = ['owner_ref', 'system_ref', 'domain_ref'];
  const rows: Record<string, string | null>[] = await tx(
    'autonomy_entity_scores',
  )
    .whereIn(
      'entity_ref',
      tx('autonomy_staged_scores')
        .where({ run_id: runId })
        .select('entity_ref'),
    )
    .select(columns)
    .union(q =>
      q
        .from('autonomy_staged_scores')
        .where({ run_id: runId, removed: false })
        .select(columns),
    );
  const refs = (column: string) => [
    ...new Set(rows.map(r => r[column]).filter((r): r is string => !!r)),
  ];
  return {
    owner: refs('owner_ref'),
    system: refs('system_ref'),
    domain: refs('domain_ref'),
  };
}

/** The rows a run staged for entities it evaluated (not those it found removed). */
async function countStaged(tx: Knex.Transaction, runId: string) {
  const row = await tx('autonomy_staged_scores')
    .where({ run_id: runId, removed: false })
    .count({ count: '*' })
    .first();
  return Number(row?.count ?? 0);
}

/** Owners of the stored rows newer than a run, and of those rows' staged versions. */
async function ownersOfNewerRows(
  tx: Knex.Transaction,
  runId: string,
  startedAt: string,
) {
  const newer = tx('autonomy_entity_scores')
    .where('evaluated_at', '>', startedAt)
    .whereNotNull('owner_ref');
  const rows = await newer
    .clone()
    .distinct('owner_ref')
    .union(q =>
      q
        .from('autonomy_staged_scores')
        .where({ run_id: runId })
        .whereIn('entity_ref', newer.clone().select('entity_ref'))
        .whereNotNull('owner_ref')
        .distinct('owner_ref'),
    );
  return [...new Set(rows.map(r => r.owner_ref as string))];
}

/**
 * Applies a finished run in `tx`, which holds the results lock: staged rows replace the stored
 * ones, the heat map is the sum of the shards', roll-ups and history catch up, and the run is
 * recorded. Returns the rows written, staging included. `onChanges` hears, in the same
 * transaction, which levels changed and which team × guardrail cells fail before and after.
 */
export async function applyStagedRun(
  tx: Knex.Transaction,
  runId: string,
  evaluatedAt: Date,
  history: ApplyHistory,
  onChanges?: ResultChangeListener,
) {
  const isPg = tx.client.config.client === 'pg';
  // A replica still at work on a shard that was taken over may stage rows late: the staged
  // rows stay as they are now until this apply ends, so that every step below reads the same.
  if (isPg) await tx.raw('LOCK TABLE autonomy_staged_scores IN EXCLUSIVE MODE');
  const shards = await tx('autonomy_analysis_shards')
    .where({ run_id: runId })
    .select(
      'aggregate',
      'rows_written',
      'status',
      'run_started_at',
      'attempts',
    );
  if (!shards.length || shards.some(s => s.status !== 'done'))
    throw new Error(`Run ${runId} is not complete and cannot be applied`);
  // The entity rows the run changed and removed, as the shards staged them.
  const stagedCount = shards.reduce((n, s) => n + Number(s.rows_written), 0);
  let written = stagedCount;
  // Decided before this transaction deletes any stored row: a run that restages every entity
  // (a changed guardrail set) empties the table too, but readers have rows to read meanwhile.
  const bulk = await bulkLoadsInto(tx, 'autonomy_entity_scores', stagedCount);

  const staged = tx('autonomy_staged_scores').where({ run_id: runId });
  const stagedRefs = staged.clone().select('entity_ref');
  // The roll-ups this apply can change: every one after a bulk load or a large run, else those
  // of the scopes its rows touch (grouping every row for each of four scope types took 0.4-0.5 s
  // of a 1% run's apply at 100,000 entities).
  const touched =
    bulk || stagedCount > TOUCHED_SCOPES_UP_TO
      ? undefined
      : await scopesOfStagedRun(tx, runId);
  // A row written after the run started (a fact pushed meanwhile, an entity added) is newer
  // than what the run evaluated: it stays.
  const startedAt = shards[0].run_started_at as string;
  const levelChanges = onChanges
    ? await stagedLevelChanges(tx, runId, startedAt)
    : [];
  const failingBefore = onChanges ? await failingCells(tx) : [];
  // The heat map moves by what this apply replaces: minus the stored rows it deletes, plus
  // the staged rows it inserts (the shards counted those as they staged them). Unchanged
  // entities cost nothing.
  const deleted = tx('autonomy_entity_scores')
    .whereIn('entity_ref', stagedRefs)
    .andWhere('evaluated_at', '<=', startedAt);
  const heatDeleted = await heatOfRows(tx, 'autonomy_entity_scores', q =>
    q
      .whereIn('s.entity_ref', stagedRefs.clone())
      .andWhere('s.evaluated_at', '<=', startedAt),
  );
  written += await deleted.delete();
  const columns = SCORE_COLUMNS.join(', ');
  const insert = () =>
    tx.raw(
      `INSERT INTO autonomy_entity_scores (${columns}) SELECT ${columns} FROM autonomy_staged_scores s WHERE s.run_id = ? AND s.removed = ? AND NOT EXISTS (SELECT 1 FROM autonomy_entity_scores e WHERE e.entity_ref = s.entity_ref)`,
      [runId, false],
    );
  const inserted = bulk
    ? await withIndexesBuiltAfter(tx, 'autonomy_entity_scores', insert)
    : await insert();
  const insertedCount = Number(inserted.rowCount ?? inserted.changes ?? 0);
  written += insertedCount;

  const tallies = shards.map(sh => sh.aggregate ?? '{"v":2,"g":[],"o":{}}');
  const takenOver = shards.some(sh => Number(sh.attempts) > 1);
  if (await heatmapRecountDue(tx, history.day, tallies, takenOver)) {
    written += await syncHeatmap(
      tx,
      await heatOfRows(tx, 'autonomy_entity_scores', () => {}),
    );
  } else {
    written += await moveHeatmap(tx, HeatmapTally.merge(tallies), [
      heatDeleted,
    ]);
    // A row newer than the run stays, and the staged row of its entity does not go in: the
    // teams of both are counted again from their stored rows. When every staged row went
    // in, no stored row was newer than the run where it mattered. Counted only when fewer rows
    // went in than the shards staged, removals included (never in a first run, where counting
    // 87,120 staged rows took 0.1-0.5 s).
    const newer =
      insertedCount < stagedCount &&
      insertedCount < (await countStaged(tx, runId))
        ? await ownersOfNewerRows(tx, runId, startedAt)
        : [];
    if (newer.length)
      written += await syncHeatmap(tx, await countHeatmap(tx, newer), newer);
  }
  await onChanges?.(tx, {
    levelChanges,
    failingBefore,
    failingAfter: await failingCells(tx),
  });

  const rollups = await refreshRollups(tx, touched);
  written += rollups.written;
  // Teams and the organisation from their totals; the entities inside the database.
  written += await writeHistory(tx, historyRows(rollups.totals, history.day));
  written += await writeStagedEntityHistory(tx, runId, history.day, startedAt);
  written += await pruneHistory(tx, history.pruneBeforeDay);
  // Readers on every replica now see the set these results were evaluated with.
  written += await recordAppliedSet(
    tx,
    history.guardrailSet,
    evaluatedAt,
    history.day,
  );

  const evaluatedCount = rollups.totals.get('org\norg')?.entityCount ?? 0;
  await recordRun(tx, 'guardrails', evaluatedAt, evaluatedCount);
  // Only this run's rows are staged (planning dropped the others, and no run is planned
  // while this lock is held): PostgreSQL empties the table without deleting row by row.
  if (isPg) await tx.raw('TRUNCATE autonomy_staged_scores');
  else await staged.clone().delete();
  await tx('autonomy_analysis_shards').where({ run_id: runId }).delete();
  return { written: written + 1, evaluatedCount, stagedCount };
}
