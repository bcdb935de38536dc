import type { Knex } from 'knex';
import type { HistoryPoint } from '@aligned-autonomy/plugin-autonomy-common';
import {
  historyPoint,
  samePoint,
  type HistoryRow,
  type ScopeTotals,
} from '../domain/guardrails/history';
import { hasArrays } from './scoreRows';
import { insertRows, whereAnyOf } from './analysisRuns';
import { jsonRowsColumn } from './jsonRows';

/** History points of entities, teams (owners) and the organisation from their totals. */
export function historyRows(
  totals: Map<string, ScopeTotals>,
  day: string,
): HistoryRow[] {
  return [...totals].map(([key, t]) => {
    const [scope, ref] = key.split('\n');
    return {
      scopeType: scope === 'owner' ? 'team' : (scope as 'entity' | 'org'),
      scopeRef: ref,
      ...historyPoint(t, day),
    };
  });
}

/**
 * Records the points that differ from each scope's latest one (history is stored as change
 * points). Returns the rows written.
 */
export async function writeHistory(tx: Knex.Transaction, points: HistoryRow[]) {
  let written = 0;
  const byType = new Map<string, HistoryRow[]>();
  for (const p of points) {
    const list = byType.get(p.scopeType);
    if (list) list.push(p);
    else byType.set(p.scopeType, [p]);
  }
  for (const [scopeType, list] of byType) {
    for (let i = 0; i < list.length; i += 2000) {
      const chunk = list.slice(i, i + 2000);
      const latest = new Map<string, HistoryRow>();
      const rows = await whereAnyOf(
        tx('autonomy_score_history as h').where('h.scope_type', scopeType),
        'h.scope_ref',
        chunk.map(p => p.scopeRef),
      ).andWhere(
        'h.day',
        '=',
        // The point in force on that day: a later one (an entity re-evaluated the next day
        // while this run was under way) says nothing about it.
        tx('autonomy_score_history as b')
          .max('b.day')
          .whereRaw('b.scope_type = h.scope_type')
          .whereRaw('b.scope_ref = h.scope_ref')
          .where('b.day', '<=', chunk[0].day),
      );
      for (const r of rows)
        latest.set(r.scope_ref, {
          scopeType: r.scope_type,
          scopeRef: r.scope_ref,
          day: r.day,
          score: r.score === null ? null : Number(r.score),
          entityCount: Number(r.entity_count),
          levelCounts: JSON.parse(r.level_counts),
        });
      const changed = chunk.filter(p => {
        const last = latest.get(p.scopeRef);
        // A scope never seen needs no point for having nothing.
        return last ? !samePoint(last, p) : p.entityCount > 0;
      });
      if (!changed.length) continue;
      await insertRows(
        tx,
        'autonomy_score_history',
        changed.map(h => ({
          day: h.day,
          scope_type: h.scopeType,
          scope_ref: h.scopeRef,
          score: h.score,
          entity_count: h.entityCount,
          level_counts: JSON.stringify(h.levelCounts),
        })),
        ['scope_type', 'scope_ref', 'day'],
      );
      written += changed.length;
    }
  }
  return written;
}

/**
 * Drops points older than the retention, except the last one before it: with change points that
 * one still says what the value was when the window opens.
 */
export async function pruneHistory(tx: Knex.Transaction, beforeDay: string) {
  return tx('autonomy_score_history as h')
    .where('h.day', '<', beforeDay)
    .whereExists(q =>
      q
        .select(tx.raw('1'))
        .from('autonomy_score_history as n')
        .whereRaw('n.scope_type = h.scope_type')
        .whereRaw('n.scope_ref = h.scope_ref')
        .whereRaw('n.day > h.day')
        .where('n.day', '<=', beforeDay),
    )
    .delete();
}

/**
 * The history points of the entities a run staged, counted and written inside the database: a run
 * that evaluated most of the catalog would otherwise read and write a point per entity through
 * Node. As {@link writeHistory}: only points that differ from the one in force on the day, and no
 * point for an entity never seen that is gone. An entity re-evaluated after the run started
 * (`startedAt`) keeps the point that re-evaluation wrote. Staged scores have one decimal already,
 * as history points do. Returns the rows written.
 */
export async function writeStagedEntityHistory(
  tx: Knex.Transaction,
  runId: string,
  day: string,
  startedAt: string,
): Promise<number> {
  // An entity's level counts as writeHistory stores them: {"<level>":1}, or {} once it is gone.
  // Before any entity has a point (a first run) there is none in force to look up: a lookup per
  // staged entity cost PostgreSQL 87,120 index probes for nothing (0.4-0.6 s of 1.5 s). Where
  // points exist the lookup is one probe per entity, however long its history (a NOT EXISTS
  // over its later points, tried instead, probed every point, and over a long history PostgreSQL
  // planned it as a scan of the whole table).
  const anyEntityPoint = await tx('autonomy_score_history')
    .where({ scope_type: 'entity' })
    .first('scope_ref');
  const inForce = anyEntityPoint
    ? `h.day = (
        SELECT MAX(b.day) FROM autonomy_score_history b
        WHERE b.scope_type = 'entity' AND b.scope_ref = p.entity_ref AND b.day <= ?
      )`
    : '1 = 0';
  const levelJson = hasArrays(tx)
    ? `to_json(COALESCE(s.level, 'none')::text)::text`
    : `json_quote(COALESCE(s.level, 'none'))`;
  const result = await tx.raw(
    `INSERT INTO autonomy_score_history (day, scope_type, scope_ref, score, entity_count, level_counts)
    SELECT ?, 'entity', p.entity_ref, p.score, p.entity_count, p.level_counts
    FROM (
      SELECT s.entity_ref,
        CASE WHEN s.removed THEN NULL ELSE s.score END AS score,
        CASE WHEN s.removed THEN 0 ELSE 1 END AS entity_count,
        CASE WHEN s.removed THEN '{}' ELSE '{' || ${levelJson} || ':1}' END AS level_counts
      FROM autonomy_staged_scores s
      WHERE s.run_id = ?
      AND NOT EXISTS (
        SELECT 1 FROM autonomy_entity_scores e
        WHERE e.entity_ref = s.entity_ref AND e.evaluated_at > ?
      )
    ) p
    LEFT JOIN autonomy_score_history h
      ON h.scope_type = 'entity' AND h.scope_ref = p.entity_ref AND ${inForce}
    WHERE CASE WHEN h.scope_ref IS NULL THEN p.entity_count > 0
      ELSE NOT (
        h.score IS NOT DISTINCT FROM p.score
        AND h.entity_count = p.entity_count
        AND h.level_counts = p.level_counts
      ) END
    ON CONFLICT (scope_type, scope_ref, day) DO UPDATE SET
      score = excluded.score,
      entity_count = excluded.entity_count,
      level_counts = excluded.level_counts`,
    anyEntityPoint ? [day, runId, startedAt, day] : [day, runId, startedAt],
  );
  return Number(result.rowCount ?? result.changes ?? 0);
}

/**
 * The change points of these scopes from `sinceDay` on, each scope's preceded by its last point
 * before that day (the value carried into the window), by scope and day.
 */
export function historyPointRows(
  db: Knex,
  scopeType: string,
  scopeRefs: string[],
  sinceDay: string,
) {
  return db('autonomy_score_history as h')
    .where('h.scope_type', scopeType)
    .whereIn('h.scope_ref', scopeRefs)
    .andWhere(q =>
      q
        .where('h.day', '>=', sinceDay)
        .orWhere(
          'h.day',
          '=',
          db('autonomy_score_history as b')
            .max('b.day')
            .where('b.scope_type', scopeType)
            .whereRaw('b.scope_ref = h.scope_ref')
            .andWhere('b.day', '<', sinceDay),
        ),
    )
    .orderBy(['h.scope_ref', 'h.day']);
}

/** A history point from its row (also from its JSON, where numbers may come as numbers). */
export const toHistoryPoint = (row: any): HistoryPoint => ({
  day: row.day,
  score: row.score === null ? null : Number(row.score),
  entityCount: Number(row.entity_count),
  levelCounts: JSON.parse(row.level_counts),
});

/** One scope's {@link historyPointRows} as a JSON column of another query's row. */
export const historyPointsColumn = (
  db: Knex,
  scopeType: string,
  scopeRef: string,
  sinceDay: string,
  alias: string,
) =>
  jsonRowsColumn(
    db,
    historyPointRows(db, scopeType, [scopeRef], sinceDay),
    ['day', 'score', 'entity_count', 'level_counts'],
    { column: 'day' },
    alias,
  );
