import type { NextLevel } from '@aligned-autonomy/plugin-autonomy-common';

/**
 * The level above the one reached (the lowest when none is), with the guardrails that block it;
 * undefined at the top level.
 */
export function nextLevelOf(
  level: string | null,
  levels: readonly string[],
  blockingGuardrailIds: string[],
): NextLevel | undefined {
  const next = level === null ? 0 : levels.indexOf(level) + 1;
  return next < levels.length
    ? { level: levels[next], blockingGuardrailIds }
    : undefined;
}
