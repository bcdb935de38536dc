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
 * A team's results per guardrail, whatever set it is read with: guardrail id → [results, met].
 * Stored with its roll-up (see aggregates.ts), so a page of teams reads one row per team.
 */
export type GuardrailTallies = Record<string, [number, number]>;

/** The tallies of a team's heat-map cells; opted-out results (not applicable) do not count. */
export function tallyCells(cells: TeamCell[]): GuardrailTallies {
  // Without a prototype: a guardrail may be called "constructor".
  const tallies: GuardrailTallies = Object.create(null);
  for (const cell of cells) {
    if (cell.count <= 0 || cell.state === 'not-applicable') continue;
    const tally = (tallies[cell.guardrailId] ??= [0, 0]);
    tally[0] += cell.count;
    if (MET.has(cell.state)) tally[1] += cell.count;
  }
  return tallies;
}

/**
 * The halves of a team's record from its tallies: results of the organisation's guardrails
 * and of its own standards, and the share met. A guardrail no longer in the set (removed
 * since) counts in neither half.
 */
export function halvesOfTallies(
  tallies: GuardrailTallies,
  definitions: Map<string, GuardrailDefinition>,
): Record<Half, TeamHalf> {
  const empty = () => ({ guardrailCount: 0, resultCount: 0, metCount: 0 });
  const tally: Record<Half, HalfTally> = {
    aligned: empty(),
    autonomous: empty(),
  };
  for (const [guardrailId, [results, met]] of Object.entries(tallies)) {
    const definition = definitions.get(guardrailId);
    if (!definition || results <= 0) continue;
    const half = tally[halfOf(definition)];
    half.guardrailCount++;
    half.resultCount += results;
    half.metCount += met;
  }
  return {
    aligned: teamHalf(tally.aligned),
    autonomous: teamHalf(tally.autonomous),
  };
}

/** The halves of a team's record over everything it owns, from its heat-map cells. */
export const teamHalves = (
  cells: TeamCell[],
  definitions: Map<string, GuardrailDefinition>,
): Record<Half, TeamHalf> => halvesOfTallies(tallyCells(cells), definitions);
