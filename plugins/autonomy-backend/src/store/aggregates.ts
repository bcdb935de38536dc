import type { Knex } from 'knex';
import type { GuardrailState } from '@aligned-autonomy/plugin-autonomy-common';
import type { ScopeTotals } from '../domain/guardrails/history';
import { COUNTED, hasArrays } from './scoreRows';
import { syncRows } from './syncRows';
import { whereAnyOf } from './analysisRuns';
import { syncTeamTallies } from './teamTallies';

export type ScopeType = 'owner' | 'system' | 'domain' | 'org';
const SCOPE_COLUMN: Record<ScopeType, string | undefined> = {
  owner: 'owner_ref',
  system: 'system_ref',
  domain: 'domain_ref',
  org: undefined,
};
export const SCOPE_TYPES = Object.keys(SCOPE_COLUMN) as ScopeType[];

/** Heat-map cell key → count; the key is owner, guardrail and state joined by newlines. */
export type HeatmapCounts = Map<string, number>;

const STATE_INDEX: Record<GuardrailState, number> = {
  pass: 0,
  fail: 1,
  warning: 2,
  'not-applicable': 3,
  exempt: 4,
  unknown: 5,
  error: 6,
};
const STATES = Object.keys(STATE_INDEX) as GuardrailState[];

/**
 * Counts results per owner, guardrail and state in numeric cells: a run counts every result of
 * the catalog, so no key is built per result. A shard stores its tally compactly (only cells
 * that are not zero) and the run adds the shards' tallies up.
 */
export class HeatmapTally {
  private readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly byOwner = new Map<string, number[]>();

  /** `guardrailIds`: what the indexes given to {@link HeatmapTally.add} refer to. */
  constructor(guardrailIds: string[] = []) {
    for (const id of guardrailIds) this.indexOf(id);
  }

  private indexOf(id: string) {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.push(id) - 1;
      this.index.set(id, i);
    }
    return i;
  }

  private cellsOf(ownerRef: string) {
    let cells = this.byOwner.get(ownerRef);
    if (!cells) {
      cells = [];
      this.byOwner.set(ownerRef, cells);
    }
    return cells;
  }

  add(
    ownerRef: string | undefined,
    guardrailIndexes: number[],
    states: GuardrailState[],
  ) {
    if (!ownerRef) return;
    const cells = this.cellsOf(ownerRef);
    for (let k = 0; k < guardrailIndexes.length; k++) {
      const cell = guardrailIndexes[k] * STATES.length + STATE_INDEX[states[k]];
      cells[cell] = (cells[cell] ?? 0) + 1;
    }
  }

  addResults(
    ownerRef: string | null | undefined,
    results: { guardrailId: string; state: GuardrailState }[],
  ) {
    this.add(
      ownerRef ?? undefined,
      results.map(r => this.indexOf(r.guardrailId)),
      results.map(r => r.state),
    );
  }

  /** The tally as stored with a shard: guardrail ids once, then per owner [cell, count, …]. */
  serialize(): string {
    const owners: Record<string, number[]> = {};
    for (const [owner, cells] of this.byOwner) {
      const flat: number[] = [];
      cells.forEach((count, cell) => {
        if (count) flat.push(cell, count);
      });
      owners[owner] = flat;
    }
    // v 2: the counts of the rows a shard staged (a change to the stored map), not of every
    // entity it evaluated as before; an apply that meets the older kind counts the map again.
    return JSON.stringify({ v: 2, g: this.ids, o: owners });
  }

  /** Whether a serialized tally counts only staged rows (see {@link serialize}). */
  static countsStaged(serialized: string): boolean {
    return (JSON.parse(serialized) as { v?: number }).v === 2;
  }

  /**
   * Adds up serialized tallies into heat-map cells. Every shard counts most owners: their cells
   * are summed as numbers first, and each cell's key is built once.
   */
  static merge(serialized: string[]): HeatmapCounts {
    const summed = new HeatmapTally();
    for (const text of serialized) {
      const { g, o } = JSON.parse(text) as {
        g: string[];
        o: Record<string, number[]>;
      };
      const indexes = g.map(id => summed.indexOf(id));
      for (const [owner, flat] of Object.entries(o)) {
        const cells = summed.cellsOf(owner);
        for (let k = 0; k < flat.length; k += 2) {
          const cell =
            indexes[Math.floor(flat[k] / STATES.length)] * STATES.length +
            (flat[k] % STATES.length);
          cells[cell] = (cells[cell] ?? 0) + flat[k + 1];
        }
      }
    }
    const counts: HeatmapCounts = new Map();
    for (const [owner, cells] of summed.byOwner)
      cells.forEach((count, cell) => {
        if (!count) return;
        const guardrail = summed.ids[Math.floor(cell / STATES.length)];
        counts.set(
          `${owner}\n${guardrail}\n${STATES[cell % STATES.length]}`,
          count,
        );
      });
    return counts;
  }
}

const heatmapRows = (counts: HeatmapCounts) =>
  [...counts].map(([key, count]) => {
    const [owner_ref, guardrail_id, state] = key.split('\n');
    return { owner_ref, guardrail_id, state, count };
  });

/**
 * Makes the stored heat map equal to `counts` (for these owners only, when given), and the
 * teams' tallies with it: for these owners when a cell changed, and always on a whole count
 * (a run's daily recount), which mends tallies a replica of an older version left behind.
 */
export async function syncHeatmap(
  tx: Knex.Transaction,
  counts: HeatmapCounts,
  ownerRefs?: string[],
) {
  const written = await syncRows(tx, 'autonomy_heatmap', heatmapRows(counts), {
    key: ['owner_ref', 'guardrail_id', 'state'],
    scope: ownerRefs ? q => q.whereIn('owner_ref', ownerRefs) : undefined,
  });
  if (!written && ownerRefs) return 0;
  return written + (await syncTeamTallies(tx, ownerRefs));
}

/**
 * Heat-map cells counted in the database from the stored results of some rows of
 * `autonomy_entity_scores` or `autonomy_staged_scores` (alias `s`, chosen by `scope`). Opted-out
 * results (not applicable) are not counted, as a run's tally does not count them.
 */
export async function heatOfRows(
  tx: Knex.Transaction,
  table: 'autonomy_entity_scores' | 'autonomy_staged_scores',
  scope: (q: Knex.QueryBuilder) => void,
): Promise<HeatmapCounts> {
  const pg = hasArrays(tx);
  const [guardrail, state] = pg
    ? [`r->>'g'`, `r->>'s'`]
    : [`json_extract(r.value, '$.g')`, `json_extract(r.value, '$.s')`];
  const q = tx({ s: table })
    .joinRaw(
      pg
        ? `CROSS JOIN jsonb_array_elements((s.results::jsonb)->'results') AS r`
        : `CROSS JOIN json_each(s.results, '$.results') AS r`,
    )
    .whereNotNull('s.owner_ref')
    .whereRaw(`${state} <> 'not-applicable'`)
    .select(
      's.owner_ref',
      tx.raw(`${guardrail} AS guardrail_id`),
      tx.raw(`${state} AS state`),
    )
    .count({ count: '*' })
    .groupByRaw('1, 2, 3');
  scope(q);
  const counts: HeatmapCounts = new Map();
  const rows = (await q) as unknown as {
    owner_ref: string;
    guardrail_id: string;
    state: string;
    count: number | string;
  }[];
  for (const row of rows)
    counts.set(
      `${row.owner_ref}\n${row.guardrail_id}\n${row.state}`,
      Number(row.count),
    );
  return counts;
}

/** The heat-map cells of these owners, counted from their entities' stored results. */
export function countHeatmap(tx: Knex.Transaction, ownerRefs: string[]) {
  return heatOfRows(tx, 'autonomy_entity_scores', q =>
    q.whereIn('s.owner_ref', ownerRefs),
  );
}

/**
 * Moves the stored heat map by `plus` less each of `minus`, for the owners whose cells change;
 * returns the rows written. Nothing is read or written when nothing changes.
 */
export async function moveHeatmap(
  tx: Knex.Transaction,
  plus: HeatmapCounts,
  minus: HeatmapCounts[],
) {
  const delta = new Map(plus);
  for (const counts of minus)
    for (const [key, count] of counts)
      delta.set(key, (delta.get(key) ?? 0) - count);
  const owners = new Set<string>();
  for (const [key, count] of delta)
    if (count !== 0) owners.add(key.slice(0, key.indexOf('\n')));
  if (!owners.size) return 0;
  const refs = [...owners];
  const counts: HeatmapCounts = new Map();
  const stored = tx('autonomy_heatmap').select(
    'owner_ref',
    'guardrail_id',
    'state',
    'count',
  );
  whereAnyOf(stored, 'owner_ref', refs);
  for (const row of await stored)
    counts.set(
      `${row.owner_ref}\n${row.guardrail_id}\n${row.state}`,
      Number(row.count),
    );
  for (const [key, count] of delta) {
    if (!owners.has(key.slice(0, key.indexOf('\n')))) continue;
    const moved = (counts.get(key) ?? 0) + count;
    if (moved > 0) counts.set(key, moved);
    else counts.delete(key);
  }
  return syncHeatmap(tx, counts, refs);
}

/** A row of `autonomy_rollups`. */
export interface RollupRow {
  scope_type: ScopeType;
  scope_ref: string;
  entity_count: number;
  score_sum: number;
  scored_count: number;
  state_counts: string;
  level_counts: string;
}

/** Adds up the stored entity rows per scope (all of a type, or the given refs) in SQL. */
async function computeRollups(
  tx: Knex.Transaction,
  scopeType: ScopeType,
  refs?: string[],
): Promise<RollupRow[]> {
  const column = SCOPE_COLUMN[scopeType];
  const query = tx('autonomy_entity_scores').select(
    tx.raw('level'),
    tx.raw('COUNT(*) as entity_count'),
    tx.raw('SUM(score) as score_sum'),
    tx.raw('COUNT(score) as scored_count'),
    ...COUNTED.map(s => tx.raw(`SUM(${s}_count) as ${s}_count`)),
  );
  if (column) {
    query.select({ ref: column }).whereNotNull(column).groupBy(column, 'level');
    if (refs) query.whereIn(column, refs);
  } else {
    query.groupBy('level');
  }
  const byRef = new Map<
    string,
    { totals: Record<string, number>; levels: Record<string, number> }
  >();
  for (const r of await query) {
    const ref = column ? (r.ref as string) : 'org';
    const entry = byRef.get(ref) ?? {
      totals: {
        entity_count: 0,
        score_sum: 0,
        scored_count: 0,
        ...Object.fromEntries(COUNTED.map(s => [s, 0])),
      },
      levels: {},
    };
    entry.totals.entity_count += Number(r.entity_count);
    entry.totals.score_sum += Number(r.score_sum ?? 0);
    entry.totals.scored_count += Number(r.scored_count);
    for (const s of COUNTED) entry.totals[s] += Number(r[`${s}_count`] ?? 0);
    entry.levels[r.level ?? 'none'] = Number(r.entity_count);
    byRef.set(ref, entry);
  }
  return [...byRef].map(([ref, { totals, levels }]) => ({
    scope_type: scopeType,
    scope_ref: ref,
    entity_count: totals.entity_count,
    // Sums of one-decimal scores: round away floating-point noise so equal sums compare equal.
    score_sum: Math.round(totals.score_sum * 10) / 10,
    scored_count: totals.scored_count,
    state_counts: JSON.stringify(
      Object.fromEntries(COUNTED.map(s => [s, totals[s]])),
    ),
    level_counts: JSON.stringify(
      Object.fromEntries(
        Object.keys(levels)
          .sort()
          .map(l => [l, levels[l]]),
      ),
    ),
  }));
}

/** The totals of a scope with no entities (any more): its history gets a gap. */
export const NO_ENTITIES: ScopeTotals = {
  entityCount: 0,
  scoreSum: 0,
  scoredCount: 0,
  levelCounts: {},
};

const totalsOf = (r: RollupRow): ScopeTotals => ({
  entityCount: r.entity_count,
  scoreSum: r.score_sum,
  scoredCount: r.scored_count,
  levelCounts: JSON.parse(r.level_counts),
});

/**
 * Brings the stored roll-ups up to date with the entity rows: every scope, or only the given
 * ones (after one entity changed). Returns the rows written and the team and organisation
 * totals as they are now, for their history points; a scope left without entities has none.
 */
export async function refreshRollups(
  tx: Knex.Transaction,
  only?: Partial<Record<ScopeType, string[]>>,
) {
  let written = 0;
  const totals = new Map<string, ScopeTotals>();
  for (const scopeType of SCOPE_TYPES) {
    const refs = only ? only[scopeType] : undefined;
    if (only && scopeType !== 'org' && !refs?.length) continue;
    const rows = await computeRollups(
      tx,
      scopeType,
      scopeType === 'org' ? undefined : refs,
    );
    // Teams (and the organisation) that have no entities any more get a last, empty history
    // point, so their history shows a gap instead of their last value for ever.
    const before: string[] =
      scopeType === 'owner' || scopeType === 'org'
        ? (
            await tx('autonomy_rollups')
              .where('scope_type', scopeType)
              .modify(q => {
                if (refs && scopeType !== 'org') q.whereIn('scope_ref', refs);
              })
              .select('scope_ref')
          ).map((r: { scope_ref: string }) => r.scope_ref)
        : [];
    written += await syncRows(
      tx,
      'autonomy_rollups',
      rows as unknown as Record<string, unknown>[],
      {
        key: ['scope_type', 'scope_ref'],
        scope: q => {
          q.where('scope_type', scopeType);
          if (refs && scopeType !== 'org') q.whereIn('scope_ref', refs);
        },
      },
    );
    if (scopeType === 'owner' || scopeType === 'org') {
      for (const ref of [...(refs ?? []), ...before])
        totals.set(`${scopeType}\n${ref}`, NO_ENTITIES);
      for (const row of rows)
        totals.set(`${scopeType}\n${row.scope_ref}`, totalsOf(row));
    }
  }
  return { written, totals };
}
