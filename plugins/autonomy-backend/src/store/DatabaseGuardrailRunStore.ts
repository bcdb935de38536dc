import { randomUUID } from 'crypto';
import type { Knex } from 'knex';
import type { ScopeTotals } from '../domain/guardrails/history';
import type { ShardPlan } from '../domain/shards/shards';
import {
  catalogFingerprintOf,
  insertRows,
  recordCatalogFingerprint,
  recordRun,
  recordUnchangedRuns,
} from './analysisRuns';
import {
  countHeatmap,
  heatOfRows,
  moveHeatmap,
  NO_ENTITIES,
  refreshRollups,
  syncHeatmap,
  HeatmapTally,
} from './aggregates';
import {
  historyRows,
  pruneHistory,
  writeHistory,
  writeStagedEntityHistory,
} from './scoreHistory';
import type { ScoredEntity } from '../domain/guardrails/evaluateCatalog';
import {
  hasArrays,
  toScoreRow,
  rowOf,
  SCORE_COLUMNS,
  type ScoredHeader,
  type EntityScoreRow,
  type EvaluatedInputs,
} from './scoreRows';
import { recordAppliedSet } from './DatabaseGuardrailSetStore';
import { bulkLoadsInto, withIndexesBuiltAfter } from './bulkIndexes';
import { analyzeChangedTables, LOOKED_UP_BY_REF } from './staleStatistics';
import {
  failingCells,
  levelChangeOf,
  stagedLevelChanges,
  type ResultChangeListener,
} from './resultChanges';

/** A shard as a replica claims it. */
export interface ClaimedShard {
  runId: string;
  shard: number;
  bucketFrom: number;
  bucketTo: number;
  entityRefs: string[];
  runStartedAt: string;
  /** Who holds the claim: heartbeats and completion count only from the holder. */
  claim: string;
  /** Fingerprint of the guardrail set the run evaluates with (stored by its coordinator). */
  guardrailSet?: string;
}

/** What a staged row has besides an entity's row. */
interface StagedColumns {
  run_id: string;
  removed: boolean;
}

/** A stored row as a shard compares it. */
export interface StoredState {
  hash: string | null;
  inputKey: string | null;
  /** ISO text, or null. */
  recheckAt: string | null;
}

/** PostgreSQL advisory-lock key for writes of guardrail results (any fixed number of our own). */
const RESULTS_LOCK_KEY = 7_243_951_611;

const entityTotals = (
  row: Pick<EntityScoreRow, 'score' | 'level'>,
): ScopeTotals => ({
  entityCount: 1,
  scoreSum: row.score === null ? 0 : Number(row.score),
  scoredCount: row.score === null ? 0 : 1,
  levelCounts: { [row.level ?? 'none']: 1 },
});

/** The row of `autonomy_analysis_runs` that records when the heat map was last counted whole. */
const HEATMAP_RECOUNT = 'heatmap-recount';

/**
 * Whether this apply counts the heat map again over every stored row instead of moving it: once
 * a day (so a drift, from a shard taken over that decided otherwise the second time, say, lasts
 * a day at most), and whenever a shard counted the older way (a replica not yet upgraded).
 * Records the recount.
 */
async function heatmapRecountDue(
  tx: Knex.Transaction,
  day: string,
  tallies: string[],
) {
  const last = await tx('autonomy_analysis_runs')
    .where({ name: HEATMAP_RECOUNT })
    .first('evaluated_at');
  const due =
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
 * The writes of guardrail evaluation. A full run is planned as shards that any replica claims;
 * each shard stages only the entity rows that changed, and the run applies all staged rows, the
 * roll-ups, the heat map and the history in one transaction at its end, so readers see the
 * previous complete analysis or the new one. PostgreSQL hands each shard to one replica
 * (`FOR UPDATE SKIP LOCKED`); SQLite has one process.
 */
export class DatabaseGuardrailRunStore {
  constructor(private readonly db: Knex) {}

  private get isPg() {
    return this.db.client.config.client === 'pg';
  }

  /**
   * Serialises the writers of guardrail results (planning a run, applying one, replacing one
   * entity) across replicas for the rest of the transaction: they read aggregates and write them
   * back, and a run must not be replanned while it is applied. SQLite has one writer anyway.
   */
  private async lock(tx: Knex.Transaction) {
    if (this.isPg)
      await tx.raw('SELECT pg_advisory_xact_lock(?)', [RESULTS_LOCK_KEY]);
  }

  /** The row an evaluated entity is stored as on this database. */
  row(
    entity: ScoredEntity,
    evaluatedAt: string,
    hash?: string,
    inputs?: EvaluatedInputs,
  ): EntityScoreRow {
    return toScoreRow(entity, evaluatedAt, hasArrays(this.db), hash, inputs);
  }

  /** The row an entity is stored as with its results as their outcome (storedOutcome.ts). */
  outcomeRow(
    entity: ScoredHeader,
    results: { text: string; tokens: string[] },
    evaluatedAt: string,
    hash?: string,
    inputs?: EvaluatedInputs,
  ): EntityScoreRow {
    const arrays = hasArrays(this.db);
    return rowOf(
      entity,
      results.text,
      results.tokens,
      evaluatedAt,
      arrays,
      hash,
      inputs,
    );
  }

  /** The fingerprint of the catalog the stored analyses were made from, if they are complete. */
  catalogFingerprint(): Promise<string | undefined> {
    return catalogFingerprintOf(this.db);
  }

  /** Sets (or, with undefined, clears) the fingerprint of the stored analyses' catalog. */
  recordCatalogFingerprint(
    fingerprint: string | undefined,
    at: Date,
    entityCount: number,
  ) {
    return recordCatalogFingerprint(this.db, fingerprint, at, entityCount);
  }

  /** The mission and boundary analyses found what they found last time: completed again now. */
  recordUnchangedAnalyses(at: Date) {
    return recordUnchangedRuns(this.db, ['missions', 'boundaries'], at);
  }

  /**
   * Plans a run; whatever an earlier run left behind (its coordinator died) is dropped: only one
   * full run is under way at a time (the scheduler runs the task on one replica).
   */
  async planRun(
    runId: string,
    startedAt: Date,
    plans: ShardPlan[],
    guardrailSet?: string,
  ) {
    await this.db.transaction(async tx => {
      await this.lock(tx);
      await tx('autonomy_staged_scores').delete();
      await tx('autonomy_analysis_shards').delete();
      await tx.batchInsert(
        'autonomy_analysis_shards',
        plans.map(p => ({
          run_id: runId,
          shard: p.shard,
          run_started_at: startedAt.toISOString(),
          bucket_from: p.bucketFrom,
          bucket_to: p.bucketTo,
          entity_refs: JSON.stringify(p.entityRefs),
          status: 'pending',
          guardrail_set: guardrailSet ?? null,
        })),
        50,
      );
    });
    return plans.length;
  }

  /**
   * Claims a pending shard, or one whose replica stopped sending heartbeats before `staleBefore`
   * (it died or hung): the shard is evaluated again, and its staged rows merge.
   */
  async claimShard(
    workerId: string,
    now: Date,
    staleBefore: Date,
  ): Promise<ClaimedShard | undefined> {
    return this.db.transaction(async tx => {
      const candidate = tx('autonomy_analysis_shards')
        .where('status', 'pending')
        .orWhere(q =>
          q
            .where('status', 'running')
            .andWhere('heartbeat_at', '<', staleBefore.toISOString()),
        )
        .orderBy(['attempts', 'shard'])
        .first('run_id', 'shard');
      if (this.isPg) candidate.forUpdate().skipLocked();
      const row = await candidate;
      if (!row) return undefined;
      // A token per claim: a replica that was taken over cannot complete the shard later.
      const claim = `${workerId}#${randomUUID().slice(0, 8)}`;
      await tx('autonomy_analysis_shards')
        .where({ run_id: row.run_id, shard: row.shard })
        .update({
          status: 'running',
          claimed_by: claim,
          heartbeat_at: now.toISOString(),
          attempts: tx.raw('attempts + 1'),
        });
      const shard = await tx('autonomy_analysis_shards')
        .where({ run_id: row.run_id, shard: row.shard })
        .first();
      return {
        runId: shard.run_id,
        shard: Number(shard.shard),
        bucketFrom: Number(shard.bucket_from),
        bucketTo: Number(shard.bucket_to),
        entityRefs: JSON.parse(shard.entity_refs),
        runStartedAt: shard.run_started_at,
        claim,
        guardrailSet: shard.guardrail_set ?? undefined,
      };
    });
  }

  /** Tells the others this replica is still at work on the shard. */
  async heartbeat(shard: ClaimedShard, now: Date) {
    await this.db('autonomy_analysis_shards')
      .where({
        run_id: shard.runId,
        shard: shard.shard,
        claimed_by: shard.claim,
      })
      .update({ heartbeat_at: now.toISOString() });
  }

  /**
   * What a shard compares against, of the stored rows in a bucket range: each row's content
   * hash, and the key and recheck instant of the inputs it was evaluated from.
   */
  async storedState(bucketFrom: number, bucketTo: number) {
    const rows = await this.db('autonomy_entity_scores')
      .where('bucket', '>=', bucketFrom)
      .andWhere('bucket', '<', bucketTo)
      .select('entity_ref', 'content_hash', 'input_key', 'recheck_at');
    return new Map<string, StoredState>(
      rows.map(r => [
        r.entity_ref,
        {
          hash: r.content_hash,
          inputKey: r.input_key,
          recheckAt: r.recheck_at,
        },
      ]),
    );
  }

  /**
   * Stages changed rows and removed entities of a run; returns the rows written. The changed rows
   * are the caller's no more: each is given the run's columns in place, as copying 24 columns
   * into a new object cost about 8 µs a row (V8 leaves such copies slow).
   */
  async stage(runId: string, changed: EntityScoreRow[], removed: string[]) {
    const staged = changed as (EntityScoreRow & StagedColumns)[];
    for (const row of staged) {
      row.run_id = runId;
      row.removed = false;
    }
    // Rows of one statement must have the same columns. A row staged again (a shard taken over)
    // replaces the earlier one. Not by COPY (copyRows.ts), unlike conflict-free inserts: the
    // shards keep Node busy, COPY's text cost Node more than the JSON batch, and alternating runs
    // showed no gain in the shards while one run's peak memory rose to 1.5 GB.
    await insertRows(
      this.db,
      'autonomy_staged_scores',
      staged,
      ['run_id', 'entity_ref'],
      ['results'],
    );
    await insertRows(
      this.db,
      'autonomy_staged_scores',
      removed.map(entity_ref => ({ run_id: runId, entity_ref, removed: true })),
      ['run_id', 'entity_ref'],
    );
    return changed.length + removed.length;
  }

  /** Marks a shard done with its heat-map counts; false when another replica took it over. */
  async completeShard(
    shard: ClaimedShard,
    heatmap: HeatmapTally,
    rowsWritten: number,
  ) {
    const updated = await this.db('autonomy_analysis_shards')
      .where({
        run_id: shard.runId,
        shard: shard.shard,
        claimed_by: shard.claim,
      })
      .update({
        status: 'done',
        aggregate: heatmap.serialize(),
        rows_written: rowsWritten,
      });
    return updated > 0;
  }

  /** How far a run is: shards not done yet, and whether the run still exists. */
  async progress(runId: string) {
    const rows: { status: string; count: number | string }[] = await this.db(
      'autonomy_analysis_shards',
    )
      .where({ run_id: runId })
      .select('status')
      .count({ count: '*' })
      .groupBy('status');
    const count = (status: string) =>
      Number(rows.find(r => r.status === status)?.count ?? 0);
    return {
      total: rows.reduce((n, r) => n + Number(r.count), 0),
      done: count('done'),
    };
  }

  /**
   * Applies a finished run in one transaction: staged rows replace the stored ones, the heat map
   * is the sum of the shards', roll-ups and history catch up, and the run is recorded. Returns
   * the rows written, staging included. `onChanges` hears, in the same transaction, which levels
   * changed and which team × guardrail cells fail before and after.
   */
  async applyRun(
    runId: string,
    evaluatedAt: Date,
    history: { day: string; pruneBeforeDay: string; guardrailSet?: string },
    onChanges?: ResultChangeListener,
  ) {
    return this.db.transaction(async tx => {
      await this.lock(tx);
      // A replica still at work on a shard that was taken over may stage rows late: the staged
      // rows stay as they are now until this apply ends, so that every step below reads the same.
      if (this.isPg)
        await tx.raw('LOCK TABLE autonomy_staged_scores IN EXCLUSIVE MODE');
      const shards = await tx('autonomy_analysis_shards')
        .where({ run_id: runId })
        .select('aggregate', 'rows_written', 'status', 'run_started_at');
      if (!shards.length || shards.some(s => s.status !== 'done'))
        throw new Error(`Run ${runId} is not complete and cannot be applied`);
      // The entity rows the run changed and removed, as the shards staged them.
      const stagedCount = shards.reduce(
        (n, s) => n + Number(s.rows_written),
        0,
      );
      let written = stagedCount;
      // Decided before this transaction deletes any stored row: a run that restages every entity
      // (a changed guardrail set) empties the table too, but readers have rows to read meanwhile.
      const bulk = await bulkLoadsInto(
        tx,
        'autonomy_entity_scores',
        stagedCount,
      );

      const staged = tx('autonomy_staged_scores').where({ run_id: runId });
      const stagedRefs = staged.clone().select('entity_ref');
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
      if (await heatmapRecountDue(tx, history.day, tallies)) {
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
        // in, no stored row was newer than the run where it mattered.
        const newer =
          insertedCount < (await countStaged(tx, runId))
            ? await ownersOfNewerRows(tx, runId, startedAt)
            : [];
        if (newer.length)
          written += await syncHeatmap(
            tx,
            await countHeatmap(tx, newer),
            newer,
          );
      }
      await onChanges?.(tx, {
        levelChanges,
        failingBefore,
        failingAfter: await failingCells(tx),
      });

      const rollups = await refreshRollups(tx);
      written += rollups.written;
      // Teams and the organisation from their totals; the entities inside the database.
      written += await writeHistory(
        tx,
        historyRows(rollups.totals, history.day),
      );
      written += await writeStagedEntityHistory(
        tx,
        runId,
        history.day,
        startedAt,
      );
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
      if (this.isPg) await tx.raw('TRUNCATE autonomy_staged_scores');
      else await staged.clone().delete();
      await tx('autonomy_analysis_shards').where({ run_id: runId }).delete();
      return { written: written + 1, evaluatedCount, stagedCount };
    });
  }

  /**
   * PostgreSQL: brings the planner's statistics of the tables a run rewrote up to date. Until
   * autovacuum analyzes them (a minute or more later), a table filled by a first run is planned as
   * the empty table it was: a page of team roll-ups then scanned the whole heat map (90,000 rows,
   * 30 ms) instead of its teams' cells (5 ms), measured on the 2-core machine. Only after a run
   * that changed or removed a tenth of the entities or more; does nothing on SQLite.
   */
  async refreshStatistics(applied: {
    stagedCount: number;
    evaluatedCount: number;
  }) {
    if (
      !this.isPg ||
      applied.stagedCount < Math.max(1000, applied.evaluatedCount / 10)
    )
      return false;
    // The entity rows' columns that reads filter and sort by, not their results (kilobytes each,
    // which sampling would read for nothing) nor their state tokens (the GIN index is the only
    // plan for a state filter, and sampling them cost about half a second more).
    await this.db.raw(
      `ANALYZE autonomy_entity_scores (entity_ref, kind, title, owner_ref, system_ref, domain_ref,
         level, score, bucket), autonomy_heatmap, autonomy_rollups, autonomy_score_history`,
    );
    return true;
  }

  /**
   * PostgreSQL: fresh statistics for the tables shards look up by ref where many rows changed, and
   * for those of them the run has just `rewritten` (PostgreSQL may not count its changes yet).
   */
  analyzeLookups(rewritten: string[] = []) {
    return analyzeChangedTables(this.db, LOOKED_UP_BY_REF, rewritten);
  }

  /**
   * Replaces one entity's row (after a fact push, an exemption, or on demand) and brings its
   * team's heat map, the roll-ups it counts in and the history up to date in the same
   * transaction, so nothing disagrees until the next full run. `onChanges` as for a run.
   */
  async replaceEntity(
    entityRef: string,
    row: EntityScoreRow | undefined,
    day: string,
    onChanges?: ResultChangeListener,
  ) {
    await this.db.transaction(async tx => {
      await this.lock(tx);
      const old = await tx<EntityScoreRow>('autonomy_entity_scores')
        .where({ entity_ref: entityRef })
        .first(
          'entity_ref',
          'title',
          'owner_ref',
          'system_ref',
          'domain_ref',
          'level',
          'level_rank',
        );
      await tx('autonomy_entity_scores')
        .where({ entity_ref: entityRef })
        .delete();
      if (row) await tx('autonomy_entity_scores').insert(row);
      const refs = (column: 'owner_ref' | 'system_ref' | 'domain_ref') =>
        [...new Set([old?.[column], row?.[column]])].filter(
          (r): r is string => !!r,
        );
      const owners = refs('owner_ref');
      const failingBefore = onChanges ? await failingCells(tx, owners) : [];
      if (owners.length)
        await syncHeatmap(tx, await countHeatmap(tx, owners), owners);
      if (onChanges) {
        const change = levelChangeOf(old, row);
        await onChanges(tx, {
          levelChanges: change ? [change] : [],
          failingBefore,
          failingAfter: await failingCells(tx, owners),
        });
      }
      const { totals } = await refreshRollups(tx, {
        owner: owners,
        system: refs('system_ref'),
        domain: refs('domain_ref'),
      });
      totals.set(`entity\n${entityRef}`, row ? entityTotals(row) : NO_ENTITIES);
      await writeHistory(tx, historyRows(totals, day));
    });
  }
}
