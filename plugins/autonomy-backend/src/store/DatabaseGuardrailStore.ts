import type { Knex } from 'knex';
import type {
  EntityScore,
  GuardrailResult,
  GuardrailState,
  HistoryPoint,
  Rollup,
  StateCounts,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { ScoredEntity } from '../domain/guardrails/evaluateCatalog';
import type { HistoryRow } from '../domain/guardrails/history';
import { emptyStateCounts } from '@aligned-autonomy/plugin-autonomy-common';
import { batchSize, lastRun, recordRun } from './analysisRuns';

const COUNTED: GuardrailState[] = [
  'pass',
  'fail',
  'warning',
  'exempt',
  'unknown',
  'error',
];

export type RollupScope = 'owner' | 'system' | 'domain';
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

const scoreRow = (e: ScoredEntity, evaluatedAt: string) => ({
  entity_ref: e.entityRef,
  kind: e.kind,
  title: e.title,
  owner_ref: e.ownerRef ?? null,
  system_ref: e.systemRef ?? null,
  domain_ref: e.domainRef ?? null,
  level: e.level,
  level_rank: e.levelIndex,
  score: e.score,
  ...Object.fromEntries(COUNTED.map(s => [`${s}_count`, e.counts[s]])),
  failing_guardrail_ids: JSON.stringify(e.failingGuardrailIds),
  blocking_next: JSON.stringify(e.blockingNext),
  evaluated_at: evaluatedAt,
});

const resultRows = (e: ScoredEntity) =>
  e.results.map(r => ({
    entity_ref: e.entityRef,
    guardrail_id: r.guardrailId,
    state: r.state,
    message: r.message ?? null,
    facts: JSON.stringify(r.facts),
    exemption_id: r.exemptionId ?? null,
  }));

function countsOf(row: any): StateCounts {
  const counts = emptyStateCounts();
  for (const s of COUNTED) counts[s] = Number(row[`${s}_count`] ?? 0);
  return counts;
}

function toScore(row: any): EntityScore & { blockingNext: string[] } {
  return {
    entityRef: row.entity_ref,
    kind: row.kind,
    title: row.title,
    ownerRef: row.owner_ref ?? undefined,
    systemRef: row.system_ref ?? undefined,
    domainRef: row.domain_ref ?? undefined,
    level: row.level ?? null,
    score: row.score === null ? null : Number(row.score),
    counts: countsOf(row),
    failingGuardrailIds: JSON.parse(row.failing_guardrail_ids),
    blockingNext: JSON.parse(row.blocking_next),
    evaluatedAt: row.evaluated_at,
  };
}

/** Guardrail results, scores and history on the plugin database (SQLite or PostgreSQL). */
export class DatabaseGuardrailStore {
  constructor(private readonly db: Knex) {}

  /**
   * Replaces all results and scores in one transaction, so readers see the previous complete
   * evaluation until this one commits; records today's history points and prunes old ones.
   */
  async replaceAll(options: {
    entities: ScoredEntity[];
    evaluatedAt: Date;
    history: HistoryRow[];
    pruneBeforeDay: string;
  }) {
    const evaluatedAt = options.evaluatedAt.toISOString();
    const BATCH = batchSize(this.db);
    await this.db.transaction(async tx => {
      await tx('autonomy_guardrail_results').delete();
      await tx('autonomy_entity_scores').delete();
      await tx.batchInsert(
        'autonomy_entity_scores',
        options.entities.map(e => scoreRow(e, evaluatedAt)),
        BATCH,
      );
      await tx.batchInsert(
        'autonomy_guardrail_results',
        options.entities.flatMap(resultRows),
        BATCH,
      );
      for (let i = 0; i < options.history.length; i += BATCH) {
        await tx('autonomy_score_history')
          .insert(
            options.history.slice(i, i + BATCH).map(h => ({
              day: h.day,
              scope_type: h.scopeType,
              scope_ref: h.scopeRef,
              score: h.score,
              entity_count: h.entityCount,
              level_counts: JSON.stringify(h.levelCounts),
            })),
          )
          .onConflict(['scope_type', 'scope_ref', 'day'])
          .merge();
      }
      await tx('autonomy_score_history')
        .where('day', '<', options.pruneBeforeDay)
        .delete();
      await recordRun(
        tx,
        'guardrails',
        options.evaluatedAt,
        options.entities.length,
      );
    });
  }

  /** Replaces one entity's results and score (after a fact push, an exemption, or on demand). */
  async replaceEntity(
    entityRef: string,
    entity: ScoredEntity | undefined,
    evaluatedAt: Date,
  ) {
    await this.db.transaction(async tx => {
      await tx('autonomy_guardrail_results')
        .where({ entity_ref: entityRef })
        .delete();
      await tx('autonomy_entity_scores')
        .where({ entity_ref: entityRef })
        .delete();
      if (!entity) return;
      await tx('autonomy_entity_scores').insert(
        scoreRow(entity, evaluatedAt.toISOString()),
      );
      const rows = resultRows(entity);
      if (rows.length)
        await tx.batchInsert(
          'autonomy_guardrail_results',
          rows,
          batchSize(this.db),
        );
    });
  }

  async getEvaluatedAt(): Promise<string | undefined> {
    return lastRun(this.db, 'guardrails');
  }

  async getScore(entityRef: string) {
    const row = await this.db('autonomy_entity_scores')
      .where({ entity_ref: entityRef })
      .first();
    return row ? toScore(row) : undefined;
  }

  async getResults(entityRef: string): Promise<GuardrailResult[]> {
    const rows = await this.db('autonomy_guardrail_results').where({
      entity_ref: entityRef,
    });
    return rows.map(r => ({
      guardrailId: r.guardrail_id,
      state: r.state,
      ...(r.message ? { message: r.message } : {}),
      facts: JSON.parse(r.facts),
      ...(r.exemption_id ? { exemptionId: r.exemption_id } : {}),
    }));
  }

  async listScores(query: ScoreQuery) {
    const base = this.db('autonomy_entity_scores as s');
    const inList = (column: string, values?: string[]) => {
      if (values?.length) base.whereIn(column, values);
    };
    inList('s.owner_ref', query.ownerRef);
    inList('s.system_ref', query.systemRef);
    inList('s.domain_ref', query.domainRef);
    inList('s.kind', query.kind);
    if (query.level?.length) {
      const none = query.level.includes('none');
      const levels = query.level.filter(l => l !== 'none');
      base.where(q => {
        if (levels.length) q.whereIn('s.level', levels);
        if (none) q.orWhereNull('s.level');
      });
    }
    if (query.text) {
      const like = `%${query.text.toLocaleLowerCase('en-US')}%`;
      base.where(q =>
        q
          .whereRaw('LOWER(s.title) LIKE ?', [like])
          .orWhereRaw('LOWER(s.entity_ref) LIKE ?', [like]),
      );
    }
    if (query.guardrailId || query.state?.length) {
      base.whereExists(q => {
        q.select(this.db.raw('1'))
          .from('autonomy_guardrail_results as r')
          .whereRaw('r.entity_ref = s.entity_ref');
        if (query.guardrailId) q.where('r.guardrail_id', query.guardrailId);
        if (query.state?.length) q.whereIn('r.state', query.state);
      });
    }
    const [{ count }] = await base.clone().count({ count: '*' });
    const column = {
      score: 's.score',
      title: 's.title',
      level: 's.level_rank',
      failing: 's.fail_count',
    }[query.orderBy];
    const rows = await base
      .clone()
      .select('s.*')
      .orderByRaw(
        `${column} ${query.order === 'desc' ? 'DESC' : 'ASC'} ${
          query.order === 'desc' ? 'NULLS LAST' : 'NULLS FIRST'
        }`,
      )
      .orderBy('s.entity_ref')
      .limit(query.limit)
      .offset(query.offset);
    return { items: rows.map(toScore), total: Number(count) };
  }

  /** Server-side aggregates per owner, system or domain (or for everything without a scope). */
  async rollups(
    scope: RollupScope | undefined,
    levels: string[],
    page: { limit: number; offset: number },
  ) {
    const column = scope ? `${scope}_ref` : undefined;
    const query = this.db('autonomy_entity_scores').select(
      this.db.raw('COUNT(*) as entity_count'),
      this.db.raw('AVG(score) as average_score'),
      ...COUNTED.map(s => this.db.raw(`SUM(${s}_count) as ${s}_count`)),
      this.db.raw(
        'SUM(CASE WHEN level IS NULL THEN 1 ELSE 0 END) as level_none',
      ),
      ...levels.map((l, i) =>
        this.db.raw(
          `SUM(CASE WHEN level = ? THEN 1 ELSE 0 END) as level_${i}`,
          [l],
        ),
      ),
    );
    let total = 1;
    if (column) {
      query
        .select({ ref: column })
        .whereNotNull(column)
        .groupBy(column)
        .orderBy(column)
        .limit(page.limit)
        .offset(page.offset);
      const [{ count }] = await this.db('autonomy_entity_scores')
        .whereNotNull(column)
        .countDistinct({ count: column });
      total = Number(count);
    }
    const rows = await query;
    const items: Rollup[] = rows
      .filter(r => Number(r.entity_count) > 0)
      .map(r => ({
        ref: r.ref ?? 'org',
        entityCount: Number(r.entity_count),
        averageScore:
          r.average_score === null
            ? null
            : Math.round(Number(r.average_score) * 10) / 10,
        levelCounts: Object.fromEntries([
          ...levels.map((l, i) => [l, Number(r[`level_${i}`])]),
          ['none', Number(r.level_none)],
        ]),
        stateCounts: { ...countsOf(r), 'not-applicable': 0 },
      }));
    return { items, total: column ? total : items.length };
  }

  /** Daily scores of several entities since a day, for sparklines in a list: one query. */
  async trends(
    entityRefs: string[],
    sinceDay: string,
  ): Promise<Map<string, { day: string; score: number | null }[]>> {
    const trends = new Map<string, { day: string; score: number | null }[]>();
    if (!entityRefs.length) return trends;
    const rows = await this.db('autonomy_score_history')
      .select('scope_ref', 'day', 'score')
      .where({ scope_type: 'entity' })
      .whereIn('scope_ref', entityRefs)
      .andWhere('day', '>=', sinceDay)
      .orderBy('day');
    for (const r of rows) {
      const list = trends.get(r.scope_ref) ?? [];
      list.push({
        day: r.day,
        score: r.score === null ? null : Number(r.score),
      });
      trends.set(r.scope_ref, list);
    }
    return trends;
  }

  /** Results per owning team and guardrail, counted by state: the heat map. One aggregate query. */
  async heatmap(): Promise<
    { ownerRef: string; guardrailId: string; state: string; count: number }[]
  > {
    const rows = await this.db('autonomy_guardrail_results as r')
      .join('autonomy_entity_scores as s', 's.entity_ref', 'r.entity_ref')
      .whereNotNull('s.owner_ref')
      .select('s.owner_ref', 'r.guardrail_id', 'r.state')
      .count({ count: '*' })
      .groupBy('s.owner_ref', 'r.guardrail_id', 'r.state');
    return (rows as any[]).map(r => ({
      ownerRef: r.owner_ref,
      guardrailId: r.guardrail_id,
      state: r.state,
      count: Number(r.count),
    }));
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
    const rows = await this.db('autonomy_score_history')
      .where({ scope_type: scopeType, scope_ref: scopeRef })
      .andWhere('day', '>=', sinceDay)
      .orderBy('day');
    return rows.map(r => ({
      day: r.day,
      score: r.score === null ? null : Number(r.score),
      entityCount: Number(r.entity_count),
      levelCounts: JSON.parse(r.level_counts),
    }));
  }
}
