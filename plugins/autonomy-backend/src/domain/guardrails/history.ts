import type { HistoryPoint } from '@aligned-autonomy/plugin-autonomy-common';
import type { ScoredEntity } from './evaluateCatalog';

export interface HistoryRow extends HistoryPoint {
  scopeType: 'entity' | 'team' | 'org';
  scopeRef: string;
}

function point(entities: ScoredEntity[], day: string): HistoryPoint {
  const levelCounts: Record<string, number> = {};
  let sum = 0;
  let scored = 0;
  for (const e of entities) {
    const level = e.level ?? 'none';
    levelCounts[level] = (levelCounts[level] ?? 0) + 1;
    if (e.score !== null) {
      sum += e.score;
      scored++;
    }
  }
  return {
    day,
    score: scored ? Math.round((sum / scored) * 10) / 10 : null,
    entityCount: entities.length,
    levelCounts,
  };
}

/** Today's history points: one per entity, one per owning team, one for the organisation. */
export function historyPoints(
  entities: ScoredEntity[],
  day: string,
): HistoryRow[] {
  const byTeam = new Map<string, ScoredEntity[]>();
  for (const e of entities) {
    if (!e.ownerRef) continue;
    const list = byTeam.get(e.ownerRef) ?? [];
    list.push(e);
    byTeam.set(e.ownerRef, list);
  }
  return [
    ...entities.map(e => ({
      scopeType: 'entity' as const,
      scopeRef: e.entityRef,
      ...point([e], day),
    })),
    ...[...byTeam].map(([team, list]) => ({
      scopeType: 'team' as const,
      scopeRef: team,
      ...point(list, day),
    })),
    { scopeType: 'org', scopeRef: 'org', ...point(entities, day) },
  ];
}
