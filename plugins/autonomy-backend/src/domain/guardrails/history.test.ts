import { fillDaily, historyPoint, samePoint } from './history';

describe('historyPoint', () => {
  it('averages the scored entities to one decimal and keeps the level counts', () => {
    expect(
      historyPoint(
        {
          entityCount: 4,
          scoreSum: 175,
          scoredCount: 3,
          levelCounts: { gold: 1, bronze: 1, none: 2 },
        },
        '2026-11-21',
      ),
    ).toEqual({
      day: '2026-11-21',
      score: 58.3,
      entityCount: 4,
      levelCounts: { gold: 1, bronze: 1, none: 2 },
    });
  });

  it('has no score when no entity has one', () => {
    expect(
      historyPoint(
        {
          entityCount: 2,
          scoreSum: 0,
          scoredCount: 0,
          levelCounts: { none: 2 },
        },
        '2026-11-21',
      ).score,
    ).toBeNull();
  });
});

describe('samePoint', () => {
  const a = {
    day: '2026-11-20',
    score: 50,
    entityCount: 2,
    levelCounts: { gold: 2 },
  };

  it('ignores the day and absent-versus-zero level counts', () => {
    expect(samePoint(a, { ...a, day: '2026-11-21' })).toBe(true);
    expect(samePoint(a, { ...a, levelCounts: { gold: 2, silver: 0 } })).toBe(
      true,
    );
  });

  it('sees a changed score, entity count or level', () => {
    expect(samePoint(a, { ...a, score: 51 })).toBe(false);
    expect(samePoint(a, { ...a, score: null })).toBe(false);
    expect(samePoint(a, { ...a, entityCount: 3 })).toBe(false);
    expect(samePoint(a, { ...a, levelCounts: { gold: 1, silver: 1 } })).toBe(
      false,
    );
  });
});

describe('fillDaily', () => {
  const p = (day: string, score: number) => ({
    day,
    score,
    entityCount: 1,
    levelCounts: {},
  });

  it('carries each change point forward to the next, through the last day', () => {
    expect(
      fillDaily(
        [p('2026-11-18', 10), p('2026-11-20', 30)],
        '2026-11-17',
        '2026-11-22',
      ).map(x => [x.day, x.score]),
    ).toEqual([
      ['2026-11-18', 10],
      ['2026-11-19', 10],
      ['2026-11-20', 30],
      ['2026-11-21', 30],
      ['2026-11-22', 30],
    ]);
  });

  it('starts the window with the value carried in from before it', () => {
    expect(
      fillDaily(
        [p('2026-10-01', 5), p('2026-11-21', 7)],
        '2026-11-19',
        '2026-11-21',
      ).map(x => [x.day, x.score]),
    ).toEqual([
      ['2026-11-19', 5],
      ['2026-11-20', 5],
      ['2026-11-21', 7],
    ]);
  });

  it('runs across month ends and gives nothing without points', () => {
    expect(
      fillDaily([p('2026-02-27', 1)], '2026-02-01', '2026-03-01').map(
        x => x.day,
      ),
    ).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(fillDaily([], '2026-02-01', '2026-03-01')).toEqual([]);
  });
});
