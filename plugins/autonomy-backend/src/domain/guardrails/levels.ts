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
  /** Index into the levels, -1 when none is reached. */
  levelIndex: number;
  score: number | null;
  counts: StateCounts;
  failingGuardrailIds: string[];
  /**
   * What stands between the entity and that level: the guardrails that fail or are unknown at it
   * or below; when none do, its guardrails that are not met yet (warnings, errors), one of which
   * must pass.
   */
  blockingNext: string[];
}

export interface LevelOutcome extends LevelAndScore {
  /**
   * The next level this entity can reach: the lowest level above the one reached that has any
   * guardrail for it; -1 when there is none (levels without guardrails cannot be reached).
   */
  nextLevelIndex: number;
}

/**
 * Adds up results one at a time into a level and a score, without an object per result: this runs
 * for every entity × guardrail of the catalog.
 */
export class LevelTally {
  private readonly counts = emptyStateCounts();
  private readonly blockedAt: string[][];
  /** Per level: results that neither block nor count as met (warning, error). */
  private readonly unmetAt: string[][];
  private readonly metAt: number[];
  private met = 0;
  private total = 0;

  constructor(private readonly levelCount: number) {
    this.blockedAt = Array.from({ length: levelCount }, () => []);
    this.unmetAt = Array.from({ length: levelCount }, () => []);
    this.metAt = new Array(levelCount).fill(0);
  }

  add(
    guardrailId: string,
    state: GuardrailState,
    levelIndex: number,
    weight: number,
  ) {
    this.counts[state]++;
    if (state === 'not-applicable') return;
    if (BLOCKING.has(state)) this.blockedAt[levelIndex].push(guardrailId);
    else if (MET.has(state)) this.metAt[levelIndex]++;
    else this.unmetAt[levelIndex].push(guardrailId);
    if (UNSCORED.has(state)) return;
    this.total += weight;
    if (MET.has(state)) this.met += weight;
  }

  /**
   * The level is the highest one that has at least one guardrail met (pass or exempt) and nothing
   * blocking (fail, unknown) at it or below. A level with no guardrail for this entity is passed
   * over, never granted: a level always rests on a guardrail met at that level, so an entity with
   * a level always has a score above 0. The score is the weighted share of scored results that are
   * met, 0–100; warnings count against it but never block a level.
   */
  result(): LevelOutcome {
    const { blockedAt, unmetAt, metAt, levelCount } = this;
    let levelIndex = -1;
    for (let i = 0; i < levelCount && blockedAt[i].length === 0; i++)
      if (metAt[i] > 0) levelIndex = i;
    let nextLevelIndex = -1;
    for (let i = levelIndex + 1; i < levelCount && nextLevelIndex < 0; i++)
      if (blockedAt[i].length || unmetAt[i].length || metAt[i])
        nextLevelIndex = i;
    let blockingNext: string[] = [];
    if (nextLevelIndex >= 0) {
      blockingNext = concat(blockedAt, nextLevelIndex + 1);
      if (blockingNext.length === 0) blockingNext = unmetAt[nextLevelIndex];
    }
    return {
      levelIndex,
      score:
        this.total === 0
          ? null
          : Math.round((this.met / this.total) * 1000) / 10,
      counts: this.counts,
      failingGuardrailIds: concat(blockedAt, levelCount),
      nextLevelIndex,
      blockingNext,
    };
  }
}

/** The first `count` lists as one: ten times faster than Array.prototype.flat, twice per entity. */
function concat(lists: string[][], count: number): string[] {
  const all: string[] = [];
  for (let i = 0; i < count; i++) for (const item of lists[i]) all.push(item);
  return all;
}

/** The level and score of a list of results: see {@link LevelTally}. */
export function levelAndScore(
  results: ScoredResult[],
  levelCount: number,
): LevelOutcome {
  const tally = new LevelTally(levelCount);
  for (const { result, levelIndex, weight } of results)
    tally.add(result.guardrailId, result.state, levelIndex, weight);
  return tally.result();
}
