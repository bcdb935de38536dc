import type { Knex } from 'knex';
import type {
  GuardrailResult,
  HistoryPoint,
  Rollup,
} from '@aligned-autonomy/plugin-autonomy-common';
import { fillDaily, lastHistoryDay } from '../domain/guardrails/history';
import type { GuardrailTallies } from '../domain/guardrails/halves';
import { lastRun, lastRunQuery, whereAnyOf } from './analysisRuns';
import { appliedFingerprintQuery } from './DatabaseGuardrailSetStore';
import { entityExemptionsColumn, toExemption } from './DatabaseExemptionStore';
import {
  historyPointRows,
  historyPointsColumn,
  toHistoryPoint,
} from './scoreHistory';
import { parseJsonRows } from './jsonRows';
import { parseTallies } from './teamTallies';
import { listScorePage, type ScoreQuery } from './scorePages';
import {
  countsOf,
  hasArrays,
  resultsOf,
  type StoredSetLookup,
  toScore,
  type EntityScoreRow,
} from './scoreRows';

export type RollupScope = 'owner' | 'system' | 'domain';

/** A page of roll-ups as stored: each with its team's tallies (none outside team scope). */
export interface RollupPage {
  items: (Rollup & { guardrailTallies: GuardrailTallies })[];
  total: number;
  evaluatedAt?: string;
  /** The fingerprint of the set the last applied run evaluated with. */
  appliedSet?: string;
}

export type { ScoreQuery, ScoreSort } from './scorePages';

/**
 * Reads of guardrail results, scores, roll-ups and history on the plugin database (SQLite or
 * PostgreSQL). Every read is an indexed lookup of rows shaped for it; none aggregates the catalog.
 * The writes are in {@link DatabaseGuardrailRunStore}.
 */
export class DatabaseGuardrailStore {
  constructor(private readonly db: Knex) {}

  async getEvaluatedAt(): Promise<string | undefined> {
    return lastRun(this.db, 'guardrails');
  }

  async getScore(entityRef: string) {
    return (await this.scoreRow(entityRef))?.score;
  }

  /**
   * An entity's results in words. `storedSet` finds the guardrail set a stored outcome names
   * (rows written by runs store outcomes, not words: see storedOutcome.ts).
   */
  async getResults(
    entityRef: string,
    storedSet?: StoredSetLookup,
  ): Promise<GuardrailResult[]> {
    return (await this.getScorecard(entityRef, storedSet))?.results ?? [];
  }

  /**
   * An entity's score and results, when the last complete run was and the fingerprint of the
   * last applied guardrail set (whose definitions a scorecard lists; a run applies its set in the
   * transaction that applies its results), and with `around` its exemptions (their status as of
   * `now`) and its trend's change points from `trendSince` on: one query.
   */
  async getScorecard(
    entityRef: string,
    storedSet?: StoredSetLookup,
    around?: { now: Date; trendSince: string },
  ) {
    const row = await this.scoreRow(
      entityRef,
      around && [
        entityExemptionsColumn(this.db, entityRef, 'exemptions_json'),
        historyPointsColumn(
          this.db,
          'entity',
          entityRef,
          around.trendSince,
          'trend_json',
        ),
      ],
    );
    return (
      row && {
        score: row.score,
        results: await resultsOf(row.row, storedSet),
        lastRunAt: row.lastRunAt,
        appliedSet: (row.row.applied_set as string | null) ?? undefined,
        exemptions: around
          ? parseJsonRows(row.row.exemptions_json).map(e =>
              toExemption(e, around.now),
            )
          : [],
        trendPoints: around
          ? parseJsonRows(row.row.trend_json).map(toHistoryPoint)
          : [],
      }
    );
  }

  private async scoreRow(entityRef: string, related: Knex.Raw[] = []) {
    const row = await this.db('autonomy_entity_scores')
      .where({ entity_ref: entityRef })
      .first(
        'autonomy_entity_scores.*',
        lastRunQuery(this.db, 'guardrails').as('last_run_at'),
        appliedFingerprintQuery(this.db).as('applied_set'),
        ...related,
      );
    if (!row) return undefined;
    const lastRunAt: string | undefined = row.last_run_at ?? undefined;
    return { score: toScore(row, lastRunAt), row, lastRunAt };
  }

  /** A page of the scorecard view and how many entities match it. */
  async listScores(query: ScoreQuery) {
    return listScorePage(this.db, query);
  }

  /**
   * PostgreSQL: whether the scorecard search lacks its trigram index, because the migration
   * that adds it (20261127170000) was not allowed to create the `pg_trgm` extension.
   */
  async searchIndexMissing(): Promise<boolean> {
    if (!hasArrays(this.db)) return false;
    const { rows } = await this.db.raw(
      `SELECT to_regclass('autonomy_entity_scores_search_idx') IS NULL AS missing`,
    );
    return rows[0].missing === true;
  }

  /**
   * Stored aggregates per owner, system or domain (or for everything without a scope), with how
   * many there are, the last run's time and set, and each team's tallies: one query.
   */
  async rollups(
    scope: RollupScope | undefined,
    levels: string[],
    page: { limit: number; offset: number },
  ): Promise<RollupPage> {
    const scopeType = scope ?? 'org';
    const ofScope = () =>
      this.db('autonomy_rollups').where({ scope_type: scopeType });
    const about = [
      ofScope().count('*').as('total'),
      lastRunQuery(this.db, 'guardrails').as('last_run_at'),
      appliedFingerprintQuery(this.db).as('applied_set'),
    ];
    // The page first, then its teams' tallies: joined before the limit, PostgreSQL joined and
    // sorted every team of the scope for a page of 20.
    const pageRows = ofScope()
      .orderBy('scope_ref')
      .limit(page.limit)
      .offset(page.offset);
    const query = this.db
      .from(pageRows.as('r'))
      .select('r.*', ...about)
      .orderBy('r.scope_ref');
    if (scopeType === 'owner')
      query
        .leftJoin('autonomy_team_tallies as t', 't.owner_ref', 'r.scope_ref')
        .select('t.tallies');
    const rows = await query;
    // Past the last page there is no row to bring the rest along.
    const [head] = rows.length ? rows : await this.db.select(...about);
    const items = rows
      .filter(r => Number(r.entity_count) > 0)
      .map(r => {
        const levelCounts = JSON.parse(r.level_counts);
        return {
          ref: r.scope_ref,
          entityCount: Number(r.entity_count),
          averageScore: Number(r.scored_count)
            ? Math.round((Number(r.score_sum) / Number(r.scored_count)) * 10) /
              10
            : null,
          levelCounts: Object.fromEntries(
            [...levels, 'none'].map(l => [l, levelCounts[l] ?? 0]),
          ),
          stateCounts: {
            ...countsOf(
              Object.fromEntries(
                Object.entries(JSON.parse(r.state_counts)).map(([s, n]) => [
                  `${s}_count`,
                  n,
                ]),
              ),
            ),
            'not-applicable': 0,
          },
          guardrailTallies: parseTallies(r.tallies),
        };
      });
    return {
      items,
      total: Number(head.total),
      evaluatedAt: head.last_run_at ?? undefined,
      appliedSet: head.applied_set ?? undefined,
    };
  }

  /** Daily scores of several entities since a day, for sparklines in a list: one query. */
  async trends(
    entityRefs: string[],
    sinceDay: string,
  ): Promise<Map<string, { day: string; score: number | null }[]>> {
    const trends = new Map<string, { day: string; score: number | null }[]>();
    if (!entityRefs.length) return trends;
    const points = await this.points('entity', entityRefs, sinceDay);
    const until = await this.lastDay();
    for (const ref of entityRefs) {
      const filled = fillDaily(points.get(ref) ?? [], sinceDay, until);
      if (filled.length)
        trends.set(
          ref,
          filled.map(p => ({ day: p.day, score: p.score })),
        );
    }
    return trends;
  }

  /** Results per owning team and guardrail, counted by state: the heat map. */
  async heatmap(): Promise<
    { ownerRef: string; guardrailId: string; state: string; count: number }[]
  > {
    const rows = await this.db('autonomy_heatmap')
      .where('count', '>', 0)
      .orderBy(['owner_ref', 'guardrail_id', 'state']);
    return rows.map(r => ({
      ownerRef: r.owner_ref,
      guardrailId: r.guardrail_id,
      state: r.state,
      count: Number(r.count),
    }));
  }

  /** Heat-map cells (non-zero) of some teams, or of one guardrail over every team. */
  async heatmapCells(filter: { ownerRefs?: string[]; guardrailId?: string }) {
    let query = this.db('autonomy_heatmap').where('count', '>', 0);
    if (filter.ownerRefs)
      query = whereAnyOf(query, 'owner_ref', filter.ownerRefs);
    if (filter.guardrailId)
      query = query.andWhere('guardrail_id', filter.guardrailId);
    const rows = await query.select(
      'owner_ref',
      'guardrail_id',
      'state',
      'count',
    );
    return rows.map(r => ({
      ownerRef: r.owner_ref as string,
      guardrailId: r.guardrail_id as string,
      state: r.state as string,
      count: Number(r.count),
    }));
  }

  /** The stored results of these entities with their titles and owners (for campaign progress). */
  async resultsOfMany(entityRefs: string[], storedSet: StoredSetLookup) {
    const found = new Map<
      string,
      { title: string; ownerRef?: string; results: GuardrailResult[] }
    >();
    for (let i = 0; i < entityRefs.length; i += 1000) {
      const rows: Pick<
        EntityScoreRow,
        | 'entity_ref'
        | 'kind'
        | 'title'
        | 'owner_ref'
        | 'evaluated_at'
        | 'results'
      >[] = await whereAnyOf(
        this.db('autonomy_entity_scores').select(
          'entity_ref',
          'kind',
          'title',
          'owner_ref',
          'evaluated_at',
          'results',
        ),
        'entity_ref',
        entityRefs.slice(i, i + 1000),
      );
      for (const row of rows)
        found.set(row.entity_ref, {
          title: row.title,
          ownerRef: row.owner_ref ?? undefined,
          results: await resultsOf(row, storedSet),
        });
    }
    return found;
  }

  /** The guardrail level (or null) of every evaluated entity a team owns. */
  async levelsOwnedBy(ownerRef: string): Promise<(string | null)[]> {
    const rows = await this.db('autonomy_entity_scores')
      .where({ owner_ref: ownerRef })
      .select('level');
    return rows.map(r => r.level ?? null);
  }

  async history(
    scopeType: string,
    scopeRef: string,
    sinceDay: string,
  ): Promise<HistoryPoint[]> {
    return fillDaily(
      await this.historyPoints(scopeType, scopeRef, sinceDay),
      sinceDay,
      await this.lastDay(),
    );
  }

  /**
   * A scope's change points from `sinceDay` on (see {@link points}), not yet carried forward
   * day by day. An entity's scorecard reads the same points with its row (`getScorecard`).
   */
  async historyPoints(
    scopeType: string,
    scopeRef: string,
    sinceDay: string,
  ): Promise<HistoryPoint[]> {
    const points = await this.points(scopeType, [scopeRef], sinceDay);
    return points.get(scopeRef) ?? [];
  }

  /** The day of the latest complete evaluation: history is carried forward to it. */
  private async lastDay() {
    return lastHistoryDay(await this.getEvaluatedAt());
  }

  /**
   * Change points of these scopes from `sinceDay` on, each preceded by the last point before it
   * (the value carried into the window).
   */
  private async points(scopeType: string, refs: string[], sinceDay: string) {
    const byRef = new Map<string, HistoryPoint[]>();
    for (let i = 0; i < refs.length; i += 500) {
      const chunk = refs.slice(i, i + 500);
      for (const r of await historyPointRows(
        this.db,
        scopeType,
        chunk,
        sinceDay,
      )) {
        const list = byRef.get(r.scope_ref) ?? [];
        list.push(toHistoryPoint(r));
        byRef.set(r.scope_ref, list);
      }
    }
    return byRef;
  }
}
