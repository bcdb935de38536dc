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
 * The level is the highest one whose guardrails, and all below it, have nothing blocking (a level
 * with no guardrail for this entity is met). The score is the weighted share of scored results
 * that are met, 0–100.
 */
export function levelAndScore(
  results: ScoredResult[],
  levelCount: number,
): LevelAndScore {
  const counts = emptyStateCounts();
  const blockedAt: string[][] = Array.from({ length: levelCount }, () => []);
  let met = 0;
  let total = 0;
  for (const { result, levelIndex, weight } of results) {
    counts[result.state]++;
    if (BLOCKING.has(result.state))
      blockedAt[levelIndex].push(result.guardrailId);
    if (UNSCORED.has(result.state)) continue;
    total += weight;
    if (MET.has(result.state)) met += weight;
  }
  let levelIndex = -1;
  while (levelIndex + 1 < levelCount && blockedAt[levelIndex + 1].length === 0)
    levelIndex++;
  const next = levelIndex + 1;
  const blockingNext =
    next < levelCount ? blockedAt.slice(0, next + 1).flat() : [];
  return {
    levelIndex,
    score: total === 0 ? null : Math.round((met / total) * 1000) / 10,
    counts,
    failingGuardrailIds: blockedAt.flat(),
    blockingNext,
  };
}
