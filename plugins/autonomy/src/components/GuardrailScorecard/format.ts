import type { FactObservation } from '@aligned-autonomy/plugin-autonomy-common';

/** Levels come from configuration, often lower-case: "silver" shows as "Silver". */
export const formatLevel = (level: string) =>
  level ? level.charAt(0).toLocaleUpperCase('en-US') + level.slice(1) : level;

export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;

export function formatFactValue(value: FactObservation['value']): string {
  if (value === null || value === undefined) return 'no value';
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  return String(value);
}

/** A score for people: at most one decimal ("85.7", "100"); "Not scored" without one. */
export const formatScore = (score: number | null | undefined) =>
  typeof score === 'number'
    ? String(Math.round(score * 10) / 10)
    : 'Not scored';

/** A share (0–1) as a whole percentage: "80%". */
export const formatShare = (share: number) => `${Math.round(share * 100)}%`;
