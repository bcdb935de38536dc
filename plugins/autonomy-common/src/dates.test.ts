import fc from 'fast-check';
import {
  isCalendarDate,
  parseCalendarDate,
  parsePastTimestamp,
  parseTimestamp,
} from './dates';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) =>
  [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];

const year = fc.integer({ min: 1, max: 9999 });
const month = fc.integer({ min: 1, max: 12 });
/** [year, month, day] with the day drawn from a range that depends on the month. */
const dayOfMonth = (
  days: (y: number, m: number) => { min: number; max: number },
) =>
  fc
    .tuple(year, month)
    .chain(([y, m]) =>
      fc.tuple(fc.constant(y), fc.constant(m), fc.integer(days(y, m))),
    );
/** A day that exists, built from the calendar rules rather than from Date. */
const calendarDay = dayOfMonth((y, m) => ({ min: 1, max: daysIn(y, m) }));
/** A day number past the end of its month (day 29 to 99 as the month has it). */
const dayPastMonthEnd = dayOfMonth((y, m) => ({
  min: daysIn(y, m) + 1,
  max: 99,
}));
const formatDay = ([y, m, d]: [number, number, number]) =>
  `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

describe('parseCalendarDate', () => {
  it('accepts every day on the calendar and returns it unchanged', () => {
    fc.assert(
      fc.property(calendarDay, day => {
        const text = formatDay(day);
        expect(parseCalendarDate(text)).toBe(text);
        expect(isCalendarDate(text)).toBe(true);
      }),
    );
  });

  it('rejects a day past the end of its month', () => {
    fc.assert(
      fc.property(dayPastMonthEnd, day => {
        expect(parseCalendarDate(formatDay(day))).toBeUndefined();
      }),
    );
  });

  it('rejects month 0, months past 12 and day 0', () => {
    fc.assert(
      fc.property(
        year,
        fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })),
        fc.integer({ min: 1, max: 28 }),
        (y, m, d) => {
          expect(parseCalendarDate(formatDay([y, m, d]))).toBeUndefined();
        },
      ),
    );
    fc.assert(
      fc.property(year, month, (y, m) => {
        expect(parseCalendarDate(formatDay([y, m, 0]))).toBeUndefined();
      }),
    );
  });

  it.each([
    '2026-02-30',
    '2026-11-31',
    '2027-02-29',
    '2026-1-01',
    '26-01-01',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '0000-01-01',
    '',
  ])('rejects %p', value => {
    expect(parseCalendarDate(value)).toBeUndefined();
  });

  it('reads a YAML date (a Date at midnight UTC) as its day, and nothing else that is not text', () => {
    expect(parseCalendarDate(new Date('2027-03-31T00:00:00Z'))).toBe(
      '2027-03-31',
    );
    expect(parseCalendarDate(new Date('2027-03-31T10:00:00Z'))).toBeUndefined();
    expect(parseCalendarDate(new Date(NaN))).toBeUndefined();
    expect(parseCalendarDate(20270331)).toBeUndefined();
    expect(isCalendarDate(new Date('2027-03-31T00:00:00Z'))).toBe(false);
  });
});

describe('parseTimestamp', () => {
  const instant = fc.date({
    min: new Date('0001-01-01T00:00:00Z'),
    max: new Date('9999-12-31T23:59:59.999Z'),
    noInvalidDate: true,
  });

  it('round-trips every instant written in UTC', () => {
    fc.assert(
      fc.property(instant, date => {
        expect(parseTimestamp(date.toISOString())?.getTime()).toBe(
          date.getTime(),
        );
      }),
    );
  });

  it('reads the same instant written in any time zone', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1000-01-01T00:00:00Z'),
          max: new Date('9000-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
        (date, offset) => {
          const local = new Date(date.getTime() + offset * 60_000);
          const zone = `${offset < 0 ? '-' : '+'}${pad(
            Math.floor(Math.abs(offset) / 60),
          )}:${pad(Math.abs(offset) % 60)}`;
          const text = `${local.toISOString().slice(0, 23)}${zone}`;
          expect(parseTimestamp(text)?.getTime()).toBe(date.getTime());
        },
      ),
    );
  });

  it('rejects a day that is not on the calendar, whatever the time', () => {
    fc.assert(
      fc.property(
        dayPastMonthEnd,
        fc.integer({ min: 0, max: 23 }),
        (day, hour) => {
          expect(
            parseTimestamp(`${formatDay(day)}T${pad(hour)}:00:00Z`),
          ).toBeUndefined();
        },
      ),
    );
  });

  it.each([
    ['2026-02-30T10:00:00Z', undefined],
    ['2026-11-31T00:00:00Z', undefined],
    ['2026-11-21T24:00:00Z', undefined],
    ['2026-11-21T10:60:00Z', undefined],
    ['2026-11-21T10:00:60Z', undefined],
    ['2026-11-21T10:00:00+24:00', undefined],
    ['2026-11-21T10:00:00', undefined],
    ['2026-11-21', undefined],
    ['5', undefined],
    ['March 7, 2026 10:00 UTC', undefined],
    ['2026-11-21T10:00Z', '2026-11-21T10:00:00.000Z'],
    ['2026-11-21T11:00:00.1234+01:00', '2026-11-21T10:00:00.123Z'],
    ['2026-11-21T00:30:00-01:00', '2026-11-21T01:30:00.000Z'],
  ])('reads %p as %p', (value, expected) => {
    expect(parseTimestamp(value)?.toISOString()).toBe(expected);
  });
});

describe('parsePastTimestamp', () => {
  const now = new Date('2026-11-21T12:00:00Z');

  it('takes the past and a few minutes of clock drift, refusing the future by name', () => {
    expect(
      parsePastTimestamp('2026-11-21T12:04:59Z', 'observedAt', now),
    ).toEqual({ date: new Date('2026-11-21T12:04:59Z') });
    expect(
      parsePastTimestamp('2026-11-21T12:06:00Z', 'observedAt', now),
    ).toEqual({ problem: 'observedAt 2026-11-21T12:06:00Z is in the future' });
    expect(
      parsePastTimestamp('2026-02-30T10:00:00Z', 'observedAt', now),
    ).toEqual({
      problem: expect.stringMatching(
        /^observedAt "2026-02-30T10:00:00Z" is not/,
      ),
    });
  });
});
