import { formatLevel } from '../GuardrailScorecard/format';

/** The level filter's value, and the roll-ups' key, for entities without a level. */
export const NO_LEVEL = 'none';

/** "Gold", or "No level". */
export const levelName = (level: string) =>
  level === NO_LEVEL ? 'No level' : formatLevel(level);
