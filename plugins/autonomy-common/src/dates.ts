/**
 * The one strict reader of dates and timestamps for everything Aligned Autonomy accepts: pushed
 * facts, exemptions, Missions and configuration. `Date.parse` is not one: it rolls 2026-02-30 over
 * to 2 March, reads "5" as the year 2001 and a zone-less time as local time.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** Epoch ms of a UTC calendar day, or undefined when the day is not on the calendar. */
function utcDay(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || year < 1) return undefined;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years below 100 as 19xx.
  date.setUTCFullYear(year, month - 1, day);
  // Round trip: a day past the month's end has rolled over into the next month.
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    ? date.getTime()
    : undefined;
}

/**
 * Reads a calendar date `YYYY-MM-DD` that exists (rejects 2026-02-30 and 2026-13-01), returning it
 * unchanged, or undefined. A `Date` at midnight UTC, as a YAML parser makes of an unquoted date,
 * is read as its day.
 *
 * @public
 */
export function parseCalendarDate(value: unknown): string | undefined {
  if (value instanceof Date) {
    const ms = value.getTime();
    return !isNaN(ms) && ms % 86_400_000 === 0
      ? parseCalendarDate(value.toISOString().slice(0, 10))
      : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const match = DATE.exec(value);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number);
  return utcDay(y, m, d) === undefined ? undefined : value;
}

/**
 * True for an ISO date that exists on the calendar (rejects 2026-02-30).
 *
 * @public
 */
export function isCalendarDate(value: unknown): boolean {
  return typeof value === 'string' && parseCalendarDate(value) !== undefined;
}

/**
 * Reads an ISO 8601 timestamp with a time zone (`2026-11-21T10:00:00Z`,
 * `2026-11-21T11:00:00.250+01:00`; seconds optional), checking every component against the
 * calendar and the clock. Returns the instant, or undefined.
 *
 * @public
 */
export function parseTimestamp(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const match = TIMESTAMP.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s = '0', fraction = '', sign, oh, om] = match;
  const day = utcDay(Number(y), Number(mo), Number(d));
  const [hours, minutes, seconds] = [h, mi, s].map(Number);
  if (day === undefined || hours > 23 || minutes > 59 || seconds > 59) {
    return undefined;
  }
  let offset = 0;
  if (sign) {
    if (Number(oh) > 23 || Number(om) > 59) return undefined;
    offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  }
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  return new Date(
    day + ((hours * 60 + minutes - offset) * 60 + seconds) * 1000 + ms,
  );
}

/**
 * How far ahead of the server's clock the time of something that has happened may be: clocks
 * drift.
 *
 * @public
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Reads the timestamp of something that has already happened (when facts were observed, say):
 * strict ISO 8601 with a time zone, and no more than five minutes ahead of `now`. Returns the
 * instant, or a problem in words naming the field.
 *
 * @public
 */
export function parsePastTimestamp(
  value: unknown,
  field: string,
  now: Date,
): { date: Date } | { problem: string } {
  const date = parseTimestamp(value);
  if (!date) {
    return {
      problem: `${field} ${JSON.stringify(
        value,
      )} is not an ISO 8601 timestamp with a time zone on the calendar, e.g. 2026-11-21T10:00:00Z`,
    };
  }
  if (date.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    return { problem: `${field} ${String(value)} is in the future` };
  }
  return { date };
}
