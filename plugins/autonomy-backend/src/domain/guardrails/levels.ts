import {
  emptyStateCounts,
  type GuardrailResult,
  type GuardrailState,
  type StateCounts,
} from '@aligned-autonomy/plugin-autonomy-common';

/** States that hold an entity back from a level: a failure, or a fact nobody can vouch for. */
export const BLOCKING: ReadonlySet<GuardrailState> = new Set([
  'fail',
  'unknown',
]);
/** States that count as met in the score. */
const MET: ReadonlySet<GuardrailState> = new Set(['pass', 'exempt']);
/** States outside the score: not our business (N/A) or our fault (a broken rule). */
const UNSCORED: ReadonlySet<GuardrailState> = new Set([
  'not-applicable',
  'error',
]);

export interface ScoredResult {
  result: GuardrailResult;
  levelIndex: number;
  weight: number;
}

export interface LevelAndScore {
  /** Index into the levels, -1 when even the lowest is not reached. */
  levelIndex: number;
  score: number | null;
  counts: StateCounts;
  failingGuardrailIds: string[];
  /** Guardrails blocking the next level up, if there is one. */
  blockingNext: string[];
}

/**
 * Adds up results one at a time into a level and a score, without an object per result: this runs
 * for every entity × guardrail of the catalog.
 */
export class LevelTally {
  private readonly counts = emptyStateCounts();
  private readonly blockedAt: string[][];
  private met = 0;
  private total = 0;

  constructor(private readonly levelCount: number) {
    this.blockedAt = Array.from({ length: levelCount }, () => []);
  }

  add(
    guardrailId: string,
    state: GuardrailState,
    levelIndex: number,
    weight: number,
  ) {
    this.counts[state]++;
    if (BLOCKING.has(state)) this.blockedAt[levelIndex].push(guardrailId);
    if (UNSCORED.has(state)) return;
    this.total += weight;
    if (MET.has(state)) this.met += weight;
  }

  /**
   * The level is the highest one whose guardrails, and all below it, have nothing blocking (a
   * level with no guardrail for this entity is met). The score is the weighted share of scored
   * results that are met, 0–100.
   */
  result(): LevelAndScore {
    const { blockedAt, levelCount } = this;
    let levelIndex = -1;
    while (
      levelIndex + 1 < levelCount &&
      blockedAt[levelIndex + 1].length === 0
    )
      levelIndex++;
    const next = levelIndex + 1;
    return {
      levelIndex,
      score:
        this.total === 0
          ? null
          : Math.round((this.met / this.total) * 1000) / 10,
      counts: this.counts,
      failingGuardrailIds: blockedAt.flat(),
      blockingNext:
        next < levelCount ? blockedAt.slice(0, next + 1).flat() : [],
    };
  }
}

/** The level and score of a list of results: see {@link LevelTally}. */
export function levelAndScore(
  results: ScoredResult[],
  levelCount: number,
): LevelAndScore {
  const tally = new LevelTally(levelCount);
  for (const { result, levelIndex, weight } of results)
    tally.add(result.guardrailId, result.state, levelIndex, weight);
  return tally.result();
}
