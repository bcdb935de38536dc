import type {
  GuardrailDefinition,
  GuardrailState,
  HeatmapCell,
  HeatmapResponse,
} from '@aligned-autonomy/plugin-autonomy-common';

/** Results of one owning team for one guardrail in one state, as counted by the store. */
export interface HeatmapCount {
  ownerRef: string;
  guardrailId: string;
  state: string;
  count: number;
}

/** States that count as met in the heat map's share. */
const MET: ReadonlySet<string> = new Set<GuardrailState>(['pass', 'exempt']);

/**
 * Teams × guardrails from the counts per state: each cell's results per state, its total and the
 * share (rounded to three decimals) that pass or are exempt. Teams are sorted; guardrails keep
 * their configured order.
 */
export function buildHeatmap(
  counts: HeatmapCount[],
  definitions: Pick<GuardrailDefinition, 'id' | 'title' | 'level'>[],
): Omit<HeatmapResponse, 'evaluatedAt'> {
  const cells = new Map<string, HeatmapCell & { met: number }>();
  for (const c of counts) {
    const key = `${c.ownerRef} ${c.guardrailId}`;
    const cell = cells.get(key) ?? {
      ownerRef: c.ownerRef,
      guardrailId: c.guardrailId,
      counts: {},
      total: 0,
      metShare: null,
      met: 0,
    };
    cell.counts[c.state as GuardrailState] = c.count;
    cell.total += c.count;
    if (MET.has(c.state)) cell.met += c.count;
    cells.set(key, cell);
  }
  return {
    teams: [...new Set(counts.map(c => c.ownerRef))].sort(),
    guardrails: definitions.map(({ id, title, level }) => ({
      id,
      title,
      level,
    })),
    cells: [...cells.values()].map(({ met, ...cell }) => ({
      ...cell,
      metShare: cell.total
        ? Math.round((met / cell.total) * 1000) / 1000
        : null,
    })),
  };
}
