import type {
  GuardrailDefinition,
  GuardrailResult,
  GuardrailState,
  ScorecardHalf,
  TeamHalf,
} from '@aligned-autonomy/plugin-autonomy-common';

/**
 * The two halves every view shows: "aligned" (the organisation's guardrails, required and
 * recommended, met) and "autonomous" (the team standards chosen and met), so a team that sets
 * itself a high bar is seen doing so.
 */
export type Half = 'aligned' | 'autonomous';

/** Which half a guardrail counts in: team standards are the autonomous half. */
export const halfOf = (definition: GuardrailDefinition | undefined): Half =>
  definition?.type === 'team' ? 'autonomous' : 'aligned';

/** The states that meet a guardrail. */
export const MET_STATES = ['pass', 'exempt'];
const MET: ReadonlySet<string> = new Set(MET_STATES);
/** Outside the score, as in the level score: not the entity's business, or the rule's fault. */
const UNSCORED: ReadonlySet<string> = new Set(['not-applicable', 'error']);

const round = (share: number) => Math.round(share * 1000) / 10;

/**
 * The halves of one entity's scorecard from its results: applicable guardrails of each half,
 * those met, the weighted share met (0–100, as the score) and the opted-out ones apart.
 */
export function scorecardHalves(
  results: GuardrailResult[],
  definitions: Map<string, GuardrailDefinition>,
): Record<Half, ScorecardHalf> {
  const tally = {
    aligned: { guardrailCount: 0, metCount: 0, optedOutCount: 0, w: 0, m: 0 },
    autonomous: {
      guardrailCount: 0,
      metCount: 0,
      optedOutCount: 0,
      w: 0,
      m: 0,
    },
  };
  for (const result of results) {
    const definition = definitions.get(result.guardrailId);
    const half = tally[halfOf(definition)];
    if (result.optOut) {
      half.optedOutCount++;
      continue;
    }
    if (result.state === 'not-applicable') continue;
    half.guardrailCount++;
    if (MET.has(result.state)) half.metCount++;
    if (UNSCORED.has(result.state)) continue;
    const weight = definition?.weight ?? 1;
    half.w += weight;
    if (MET.has(result.state)) half.m += weight;
  }
  const done = ({ w, m, ...counts }: (typeof tally)[Half]): ScorecardHalf => ({
    ...counts,
    score: w === 0 ? null : round(m / w),
  });
  return { aligned: done(tally.aligned), autonomous: done(tally.autonomous) };
}

/** One cell of the heat map: a team's results for one guardrail in one state. */
export interface TeamCell {
  guardrailId: string;
  state: GuardrailState | string;
  count: number;
}

/** What one half of a team's record adds up to, as {@link teamHalves} counts it. */
export type HalfTally = Omit<TeamHalf, 'metShare'>;

/** A half of a team's record from its tally (none: the team has no results in it). */
export const teamHalf = (
  tally: HalfTally = { guardrailCount: 0, resultCount: 0, metCount: 0 },
): TeamHalf => ({
  ...tally,
  metShare: tally.resultCount === 0 ? null : tally.metCount / tally.resultCount,
});

/**
 * The halves of a team's record over everything it owns, from its heat-map cells: results of
 * the organisation's guardrails and of its own standards, and the share met.
 */
export function teamHalves(
  cells: TeamCell[],
  definitions: Map<string, GuardrailDefinition>,
): Record<Half, TeamHalf> {
  const tally = {
    aligned: { ids: new Set<string>(), resultCount: 0, metCount: 0 },
    autonomous: { ids: new Set<string>(), resultCount: 0, metCount: 0 },
  };
  for (const cell of cells) {
    if (cell.count <= 0 || cell.state === 'not-applicable') continue;
    const definition = definitions.get(cell.guardrailId);
    // A guardrail no longer in the set (removed since) counts in neither half.
    if (!definition) continue;
    const half = tally[halfOf(definition)];
    half.ids.add(cell.guardrailId);
    half.resultCount += cell.count;
    if (MET.has(cell.state)) half.metCount += cell.count;
  }
  const done = ({ ids, resultCount, metCount }: (typeof tally)[Half]) =>
    teamHalf({ guardrailCount: ids.size, resultCount, metCount });
  return { aligned: done(tally.aligned), autonomous: done(tally.autonomous) };
}

/**
 * The ids of the guardrails of each half, for tallying many teams' halves where their heat-map
 * cells are (the store does it in SQL, as {@link teamHalves} does it over cells).
 */
export function guardrailIdsByHalf(
  definitions: Iterable<GuardrailDefinition>,
): Record<Half, string[]> {
  const ids: Record<Half, string[]> = { aligned: [], autonomous: [] };
  for (const definition of definitions)
    ids[halfOf(definition)].push(definition.id);
  return ids;
}
