import { randomUUID } from 'crypto';
import type { Knex } from 'knex';
import type { ScopeTotals } from '../domain/guardrails/history';
import type { ShardPlan } from '../domain/shards/shards';
import {
  catalogFingerprintOf,
  insertRows,
  recordCatalogFingerprint,
  recordUnchangedRuns,
} from './analysisRuns';
import {
  countHeatmap,
  NO_ENTITIES,
  refreshRollups,
  syncHeatmap,
  HeatmapTally,
} from './aggregates';
import { historyRows, writeHistory } from './scoreHistory';
import type { ScoredEntity } from '../domain/guardrails/evaluateCatalog';
import {
  hasArrays,
  toScoreRow,
  rowOf,
  type ScoredHeader,
  type EntityScoreRow,
  type EvaluatedInputs,
} from './scoreRows';
import { applyStagedRun, type ApplyHistory } from './applyStagedRun';
import { analyzeChangedTables, LOOKED_UP_BY_REF } from './staleStatistics';
import {
  failingCells,
  levelChangeOf,
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

/** Shards to claim: pending, or running on a replica whose last heartbeat is older than this. */
function claimable(shards: Knex.QueryBuilder, staleBefore: Date) {
  // Grouped, so that a condition added after it narrows both.
  return shards.where(q =>
    q
      .where('status', 'pending')
      .orWhere(r =>
        r
          .where('status', 'running')
          .andWhere('heartbeat_at', '<', staleBefore.toISOString()),
      ),
  );
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
   * Drops what a run that failed left: its shards, which no replica should evaluate any more as
   * nobody will apply them, and its staged rows. Another run's are left alone. A replica still at
   * work on one of its shards may stage rows after this; reads filter by run, and the next run's
   * plan drops them.
   */
  async dropRun(runId: string) {
    await this.db.transaction(async tx => {
      await this.lock(tx);
      await tx('autonomy_analysis_shards').where({ run_id: runId }).delete();
      await tx('autonomy_staged_scores').where({ run_id: runId }).delete();
    });
  }

  /**
   * Whether a shard waits to be claimed: one query, outside a transaction, that a replica with no
   * run under way makes at each look instead of a claim's three.
   */
  async hasClaimable(staleBefore: Date): Promise<boolean> {
    const shard = await claimable(
      this.db('autonomy_analysis_shards'),
      staleBefore,
    ).first('shard');
    return shard !== undefined;
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
      const candidate = claimable(tx('autonomy_analysis_shards'), staleBefore)
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
    // replaces the earlier one.
    await insertRows(this.db, 'autonomy_staged_scores', staged, [
      'run_id',
      'entity_ref',
    ]);
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
   * Applies a finished run in one transaction (see applyStagedRun.ts): readers see the previous
   * complete analysis or this one. Returns the rows written, staging included.
   */
  async applyRun(
    runId: string,
    evaluatedAt: Date,
    history: ApplyHistory,
    onChanges?: ResultChangeListener,
  ) {
    return this.db.transaction(async tx => {
      await this.lock(tx);
      return applyStagedRun(tx, runId, evaluatedAt, history, onChanges);
    });
  }

  /**
   * PostgreSQL: brings the planner's statistics of the tables a run rewrote up to date. Until
   * autovacuum analyzes them (a minute or more later), a table filled by a first run is planned as
   * the empty table it was: a page of team roll-ups then scanned the whole heat map (90,000 rows,
   * 30 ms) instead of its teams' cells (5 ms), measured on the 2-core machine. The entity rows
   * are vacuumed too: a shard's read of its range's stored state is answered from the index
   * alone only on pages marked all-visible, which rows just written are not until vacuumed
   * (58 ms a shard instead of 2.5 ms; see migration 20261127190000_shard_state_index). Only
   * after a run that changed or removed a tenth of the entities or more; does nothing on SQLite.
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
    // which sampling would read for nothing).
    await this.db.raw(
      `ANALYZE autonomy_entity_scores (entity_ref, kind, title, owner_ref, system_ref, domain_ref,
         level, level_rank, score, fail_count, bucket), autonomy_heatmap, autonomy_rollups,
         autonomy_team_tallies, autonomy_score_history`,
    );
    // The state tokens apart, from a tenth of the sample (their statistics target, see the
    // migration 20261127140000_scorecard_sort_indexes): 0.1 s, where sampling them with the
    // columns above took 0.6 s more. Without them a page of the entities in a common state (two
    // thirds of them) was planned as if few were, and sorted every match (200 ms) instead of
    // reading the score index (0.2 ms).
    await this.db.raw('ANALYZE autonomy_entity_scores (states)');
    // Last, so that a failure leaves the statistics taken. Outside a transaction, as here: 0.2 s
    // after a first run, 0.5-0.9 s after a run that rewrote 10-50% of 87,120 rows.
    await this.db.raw('VACUUM autonomy_entity_scores');
    return true;
  }

  /** PostgreSQL: fresh statistics for the tables shards look up by ref where many rows changed. */
  analyzeLookups() {
    return analyzeChangedTables(this.db, LOOKED_UP_BY_REF);
  }

  /**
   * PostgreSQL: fresh statistics for these tables, which the caller has just rewritten much of
   * (PostgreSQL may not count its changes yet).
   */
  analyzeRewritten(tables: string[]) {
    return analyzeChangedTables(this.db, tables, tables);
  }

  /**
   * Replaces one entity's row (after a fact push, an exemption, or on demand) and brings its
   * team's heat map, the roll-ups it counts in and the history up to date in the same
   * transaction, so nothing disagrees until the next full run. `onChanges` as for a run.
   *
   * `evaluatedAt` is when the evaluation began, before it read its inputs. A stored row evaluated
   * later stays: of two evaluations of one entity racing (two fact pushes at once) that both
   * store a row, the one that read the later inputs wins, whichever commits last. Not covered: a
   * later evaluation that removed the row (no guardrail applies any more) and an earlier one
   * committing after it, nor replicas whose clocks disagree by more than the race; the next full
   * run puts either right. Returns whether the row was replaced.
   */
  async replaceEntity(
    entityRef: string,
    row: EntityScoreRow | undefined,
    evaluatedAt: string,
    onChanges?: ResultChangeListener,
  ) {
    return this.db.transaction(async tx => {
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
          'evaluated_at',
        );
      // ISO instants of one format: their order is their text's.
      if (old && old.evaluated_at > evaluatedAt) return false;
      const day = evaluatedAt.slice(0, 10);
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
      return true;
    });
  }
}
