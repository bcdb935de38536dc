const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar day (UTC) as `YYYY-MM-DD`, `days` after `now`. */
export const isoDay = (now: number, days = 0) =>
  new Date(now + days * DAY_MS).toISOString().slice(0, 10);

/** The last millisecond of a `YYYY-MM-DD` day in UTC, as an ISO timestamp; undefined if invalid. */
export function endOfDayUtc(day: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T23:59:59.999Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day)
    return undefined;
  return date.toISOString();
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY_MS],
  ['month', 30 * DAY_MS],
  ['week', 7 * DAY_MS],
  ['day', DAY_MS],
  ['hour', 60 * 60 * 1000],
  ['minute', 60 * 1000],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

/** "3 days ago", "in 2 hours", "just now". */
export function timeAgo(iso: string, now: number): string {
  const diff = new Date(iso).getTime() - now;
  if (Number.isNaN(diff)) return 'at an unknown time';
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms)
      return relative.format(Math.trunc(diff / ms), unit);
  }
  return 'just now';
}

/** A date for people: "1 Feb 2026". */
export const formatDate = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });

/** Whole days between two `YYYY-MM-DD` days, counting both ends. */
export const daysSpanned = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
