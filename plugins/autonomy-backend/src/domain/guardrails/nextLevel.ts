import type {
  GuardrailDefinition,
  GuardrailResult,
  NextLevel,
} from '@aligned-autonomy/plugin-autonomy-common';
import { levelAndScore, type ScoredResult } from './levels';

/**
 * The next level an entity can reach and what stands before it, from its stored results (the
 * same rule as its level, see {@link LevelTally}); undefined when no level above the one reached
 * has a guardrail for it. Results of guardrails no longer defined are left out.
 */
export function nextLevelOf(
  results: GuardrailResult[],
  definitions: Pick<GuardrailDefinition, 'id' | 'level' | 'weight'>[],
  levels: readonly string[],
): NextLevel | undefined {
  const byId = new Map(definitions.map(d => [d.id, d]));
  const scored: ScoredResult[] = [];
  for (const result of results) {
    const definition = byId.get(result.guardrailId);
    const levelIndex = definition ? levels.indexOf(definition.level) : -1;
    if (levelIndex >= 0)
      scored.push({ result, levelIndex, weight: definition!.weight });
  }
  const { nextLevelIndex, blockingNext } = levelAndScore(scored, levels.length);
  return nextLevelIndex < 0
    ? undefined
    : { level: levels[nextLevelIndex], blockingGuardrailIds: blockingNext };
}
