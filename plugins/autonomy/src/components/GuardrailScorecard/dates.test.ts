import { daysSpanned, endOfDayUtc, formatDate, isoDay, timeAgo } from './dates';

describe('dates', () => {
  const NOW = Date.parse('2026-01-10T23:30:00Z');

  it('isoDay counts whole days ahead in UTC', () => {
    expect(isoDay(NOW)).toBe('2026-01-10');
    expect(isoDay(NOW, 30)).toBe('2026-02-09');
  });

  it('endOfDayUtc is the last millisecond of the day, and rejects invalid days', () => {
    expect(endOfDayUtc('2026-02-09')).toBe('2026-02-09T23:59:59.999Z');
    expect(endOfDayUtc('')).toBeUndefined();
    expect(endOfDayUtc('2026-02-30')).toBeUndefined();
    expect(endOfDayUtc('09/02/2026')).toBeUndefined();
  });

  it('timeAgo says how long ago in the largest whole unit', () => {
    expect(timeAgo('2026-01-07T23:30:00Z', NOW)).toBe('3 days ago');
    expect(timeAgo('2026-01-09T23:30:00Z', NOW)).toBe('1 day ago');
    expect(timeAgo('2026-01-10T21:00:00Z', NOW)).toBe('2 hours ago');
    expect(timeAgo('2026-01-10T23:29:50Z', NOW)).toBe('just now');
    expect(timeAgo('2026-01-12T23:30:00Z', NOW)).toBe('in 2 days');
    expect(timeAgo('not a date', NOW)).toBe('at an unknown time');
  });

  it('formatDate shows the UTC calendar day', () => {
    expect(formatDate('2026-03-31T23:59:59.999Z')).toBe('31 Mar 2026');
  });

  it('daysSpanned counts both ends', () => {
    expect(daysSpanned('2026-01-01', '2026-01-30')).toBe(30);
    expect(daysSpanned('2026-01-01', '2026-01-01')).toBe(1);
  });
});
