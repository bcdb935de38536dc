import { levelChangeOf } from './resultChanges';

const row = (level: string | null, rank: number | string) => ({
  entity_ref: 'component:default/a',
  title: 'A',
  owner_ref: 'group:default/one',
  level,
  level_rank: rank,
});

describe('levelChangeOf', () => {
  it('names the levels on both sides, ranks read as numbers (PostgreSQL may answer text)', () => {
    expect(levelChangeOf(row('silver', '1'), row(null, -1))).toEqual({
      entityRef: 'component:default/a',
      title: 'A',
      ownerRef: 'group:default/one',
      fromLevel: 'silver',
      fromRank: 1,
      toLevel: undefined,
      toRank: -1,
    });
  });

  it('is no change for the same rank, a new entity or a removed one', () => {
    expect(levelChangeOf(row('silver', '1'), row('silver', 1))).toBeUndefined();
    expect(levelChangeOf(undefined, row('gold', 2))).toBeUndefined();
    expect(levelChangeOf(row('gold', 2), undefined)).toBeUndefined();
  });
});
