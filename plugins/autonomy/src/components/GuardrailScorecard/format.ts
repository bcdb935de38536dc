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
