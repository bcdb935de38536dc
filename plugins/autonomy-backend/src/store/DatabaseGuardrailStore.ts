import type { Knex } from 'knex';
import type {
  GuardrailResult,
  GuardrailState,
  HistoryPoint,
  Rollup,
} from '@aligned-autonomy/plugin-autonomy-common';
import { fillDaily, lastHistoryDay } from '../domain/guardrails/history';
import type { GuardrailTallies } from '../domain/guardrails/halves';
import { lastRun, lastRunQuery, whereAnyOf } from './analysisRuns';
import type { RollupRow } from './aggregates';
import { appliedFingerprintQuery } from './DatabaseGuardrailSetStore';
import { entityExemptionsColumn, toExemption } from './DatabaseExemptionStore';
import {
  historyPointRows,
  historyPointsColumn,
  toHistoryPoint,
} from './scoreHistory';
import { parseJsonRows } from './jsonRows';
import { parseTallies } from './teamTallies';
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

export type ScoreSort = 'score' | 'title' | 'level' | 'failing';

export interface ScoreQuery {
  ownerRef?: string[];
  systemRef?: string[];
  domainRef?: string[];
  kind?: string[];
  level?: string[];
  /** With `state`: entities where this guardrail is in that state. */
  guardrailId?: string;
  state?: GuardrailState[];
  text?: string;
  orderBy: ScoreSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** `%`, `_` and the escape character itself match literally in a LIKE pattern. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, c => `\\${c}`);

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

  /** The entities matching one state filter: `<guardrail>:<state>` or `*:<state>` tokens. */
  private whereStates(
    base: Knex.QueryBuilder,
    guardrailId: string | undefined,
    states: GuardrailState[],
  ) {
    // Results that passed are not indexed by guardrail (most results pass); asking for them
    // reads the entity's results, which only that filter does.
    const scan = guardrailId && states.includes('pass');
    const tokens = states
      .filter(s => !(scan && s === 'pass'))
      .map(s => `${guardrailId ?? '*'}:${s}`);
    base.where(q => {
      if (hasArrays(this.db)) {
        if (tokens.length) q.orWhereRaw('s.states && ?::text[]', [tokens]);
      } else {
        for (const token of tokens)
          q.orWhereRaw(`s.states LIKE ? ESCAPE '\\'`, [
            `%|${escapeLike(token)}|%`,
          ]);
      }
      if (scan)
        q.orWhereRaw(`s.results LIKE ? ESCAPE '\\'`, [
          `%${escapeLike(
            JSON.stringify({ g: guardrailId, s: 'pass' }).slice(1, -1),
          )}%`,
        ]);
    });
  }

  async listScores(query: ScoreQuery) {
    const base = this.db('autonomy_entity_scores as s');
    let filtered = false;
    const inList = (column: string, values?: string[]) => {
      if (values?.length) {
        base.whereIn(column, values);
        filtered = true;
      }
    };
    inList('s.owner_ref', query.ownerRef);
    inList('s.system_ref', query.systemRef);
    inList('s.domain_ref', query.domainRef);
    inList('s.kind', query.kind);
    if (query.level?.length) {
      filtered = true;
      const none = query.level.includes('none');
      const levels = query.level.filter(l => l !== 'none');
      base.where(q => {
        if (levels.length) q.whereIn('s.level', levels);
        if (none) q.orWhereNull('s.level');
      });
    }
    if (query.text) {
      filtered = true;
      const like = `%${escapeLike(query.text.toLocaleLowerCase('en-US'))}%`;
      base.where(q =>
        q
          .whereRaw(`LOWER(s.title) LIKE ? ESCAPE '\\'`, [like])
          .orWhereRaw(`LOWER(s.entity_ref) LIKE ? ESCAPE '\\'`, [like]),
      );
    }
    if (query.state?.length) {
      filtered = true;
      this.whereStates(base, query.guardrailId, query.state);
    } else if (query.guardrailId) {
      filtered = true;
      base.whereRaw(`s.results LIKE ? ESCAPE '\\'`, [
        `%${escapeLike(
          JSON.stringify({ g: query.guardrailId }).slice(1, -1),
        )},%`,
      ]);
    }
    // Counted while the page is read (on PostgreSQL on a second connection): a page of a large
    // match waits for the longer of the two, not for both.
    const counted = filtered
      ? base
          .clone()
          .count({ count: '*' })
          .then(([row]) => Number(row.count))
      : this.evaluatedCount();
    const column = {
      score: 's.score',
      title: 's.title',
      level: 's.level_rank',
      failing: 's.fail_count',
    }[query.orderBy];
    const desc = query.order === 'desc';
    // Only the score can be missing; a NULLS clause on another column would keep PostgreSQL from
    // reading its index in order.
    let nulls = '';
    if (column === 's.score') nulls = desc ? ' NULLS LAST' : ' NULLS FIRST';
    const [total, rows] = await Promise.all([
      counted,
      base
        .clone()
        .select(
          's.entity_ref',
          's.kind',
          's.title',
          's.owner_ref',
          's.system_ref',
          's.domain_ref',
          's.level',
          's.level_rank',
          's.score',
          's.pass_count',
          's.fail_count',
          's.warning_count',
          's.exempt_count',
          's.unknown_count',
          's.error_count',
          's.failing_guardrail_ids',
          's.blocking_next',
          's.evaluated_at',
          lastRunQuery(this.db, 'guardrails').as('last_run_at'),
        )
        // Entities without a score sort lowest, and the ref breaks ties in the same direction:
        // each order is then an index read forwards or backwards (see the migration
        // 20261127140000_scorecard_sort_indexes), not a sort of every matching row.
        .orderByRaw(`${column} ${desc ? 'DESC' : 'ASC'}${nulls}`)
        .orderBy('s.entity_ref', desc ? 'desc' : 'asc')
        .limit(query.limit)
        .offset(query.offset),
    ]);
    return {
      items: rows.map((r: EntityScoreRow & { last_run_at: string | null }) =>
        toScore(r, r.last_run_at ?? undefined),
      ),
      total,
    };
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

  /** How many entities are evaluated: the organisation roll-up, not a count of the catalog. */
  private async evaluatedCount() {
    const org = await this.db<RollupRow>('autonomy_rollups')
      .where({ scope_type: 'org', scope_ref: 'org' })
      .first('entity_count');
    return Number(org?.entity_count ?? 0);
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
