import type { HistoryPoint } from '@aligned-autonomy/plugin-autonomy-common';

export interface HistoryRow extends HistoryPoint {
  scopeType: 'entity' | 'team' | 'org';
  scopeRef: string;
}

/** What a scope added up to: the sums a roll-up keeps. */
export interface ScopeTotals {
  entityCount: number;
  scoreSum: number;
  scoredCount: number;
  /** Level (or `none`) → entities; levels with none are absent. */
  levelCounts: Record<string, number>;
}

/** The history point of a scope on a day: its average score, entities and levels. */
export function historyPoint(totals: ScopeTotals, day: string): HistoryPoint {
  return {
    day,
    score: totals.scoredCount
      ? Math.round((totals.scoreSum / totals.scoredCount) * 10) / 10
      : null,
    entityCount: totals.entityCount,
    levelCounts: totals.levelCounts,
  };
}

/** Whether two points say the same (the day aside). */
export function samePoint(a: HistoryPoint, b: HistoryPoint): boolean {
  const levels = new Set([
    ...Object.keys(a.levelCounts),
    ...Object.keys(b.levelCounts),
  ]);
  return (
    a.score === b.score &&
    a.entityCount === b.entityCount &&
    [...levels].every(l => (a.levelCounts[l] ?? 0) === (b.levelCounts[l] ?? 0))
  );
}

const DAY_MS = 86_400_000;
const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/**
 * The day history is carried forward to: that of the last complete run, or (no run yet) a day
 * before any point, so nothing is carried.
 */
export const lastHistoryDay = (lastRunAt: string | undefined) =>
  (lastRunAt ?? new Date(0).toISOString()).slice(0, 10);

/**
 * History is stored as change points: a scope gets a point only on days it changed, so a run over
 * an unchanged catalog writes none. This turns the points (ascending, the first may be before
 * `sinceDay` as the value carried into the window) into one point per day from the first known
 * day in the window through `untilDay`.
 */
export function fillDaily(
  points: HistoryPoint[],
  sinceDay: string,
  untilDay: string,
): HistoryPoint[] {
  // A scope with no entities (left the catalog, or a team that owns nothing now) has a gap.
  return fillDays(points, sinceDay, untilDay, p => p.entityCount > 0);
}

/** {@link fillDaily} for any daily series; days whose point is not `present` are gaps. */
export function fillDays<P extends { day: string }>(
  points: P[],
  sinceDay: string,
  untilDay: string,
  present: (point: P) => boolean = () => true,
): P[] {
  const daily: P[] = [];
  let i = 0;
  let current: P | undefined;
  while (i < points.length && points[i].day <= sinceDay) current = points[i++];
  let day = current ? sinceDay : points[i]?.day;
  if (!day) return daily;
  const last =
    points.length && points[points.length - 1].day > untilDay
      ? points[points.length - 1].day
      : untilDay;
  for (; day <= last; day = nextDay(day)) {
    while (i < points.length && points[i].day <= day) current = points[i++];
    if (current && present(current)) daily.push({ ...current, day });
  }
  return daily;
}
