import type { GuardrailPassRate } from '@aligned-autonomy/plugin-autonomy-common';
import type { TeamCell } from './halves';

const MET = new Set(['pass', 'exempt']);

/** Adds heat-map cells up into one pass rate: counts per state, total and the share met. */
export function passRateOf(
  cells: TeamCell[],
  ownerRef?: string,
): GuardrailPassRate {
  const counts: Record<string, number> = {};
  let total = 0;
  let met = 0;
  for (const cell of cells) {
    if (cell.count <= 0) continue;
    counts[cell.state] = (counts[cell.state] ?? 0) + cell.count;
    if (cell.state === 'not-applicable') continue;
    total += cell.count;
    if (MET.has(cell.state)) met += cell.count;
  }
  return {
    ...(ownerRef ? { ownerRef } : {}),
    counts,
    total,
    metShare: total === 0 ? null : met / total,
  };
}

/** A guardrail's pass rate per owning team, the teams furthest behind first. */
export function passRatesByTeam(
  cells: (TeamCell & { ownerRef: string })[],
): GuardrailPassRate[] {
  const byOwner = new Map<string, TeamCell[]>();
  for (const cell of cells) {
    const list = byOwner.get(cell.ownerRef) ?? [];
    list.push(cell);
    byOwner.set(cell.ownerRef, list);
  }
  return [...byOwner]
    .map(([ownerRef, own]) => passRateOf(own, ownerRef))
    .sort(
      (a, b) =>
        (a.metShare ?? 2) - (b.metShare ?? 2) ||
        a.ownerRef!.localeCompare(b.ownerRef!),
    );
}
