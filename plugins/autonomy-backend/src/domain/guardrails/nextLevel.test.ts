import { nextLevelOf } from './nextLevel';

const levels = ['bronze', 'silver', 'gold'];

describe('nextLevelOf', () => {
  it('is the lowest level for an entity without one', () => {
    expect(nextLevelOf(null, levels, ['a'])).toEqual({
      level: 'bronze',
      blockingGuardrailIds: ['a'],
    });
  });

  it('is the level above the one reached', () => {
    expect(nextLevelOf('silver', levels, [])).toEqual({
      level: 'gold',
      blockingGuardrailIds: [],
    });
  });

  it('is undefined at the top level, and when there are no levels', () => {
    expect(nextLevelOf('gold', levels, [])).toBeUndefined();
    expect(nextLevelOf(null, [], [])).toBeUndefined();
  });
});
