import { levelDropNotifications, type LevelChange } from './levelDrops';

const change = (over: Partial<LevelChange>): LevelChange => ({
  entityRef: 'component:default/checkout-api',
  title: 'Checkout API',
  ownerRef: 'group:default/checkout',
  fromLevel: 'silver',
  fromRank: 1,
  toLevel: 'bronze',
  toRank: 0,
  ...over,
});

describe('levelDropNotifications', () => {
  it('tells the owning team, links to the Autonomy tab and keys by entity, levels and day', () => {
    const [n, ...rest] = levelDropNotifications([change({})], '2026-11-26');
    expect(rest).toEqual([]);
    expect(n).toEqual({
      key: 'level-dropped:component:default/checkout-api:silver>bronze:2026-11-26',
      topic: 'autonomy-level-dropped',
      recipients: ['group:default/checkout'],
      payload: expect.objectContaining({
        title: 'Checkout API dropped from silver to bronze',
        link: '/catalog/default/component/checkout-api/autonomy',
        severity: 'high',
      }),
    });
  });

  it('ignores rises, unchanged levels and entities without an owner', () => {
    expect(
      levelDropNotifications(
        [
          change({
            fromRank: 0,
            fromLevel: 'bronze',
            toRank: 1,
            toLevel: 'silver',
          }),
          change({ toRank: 1, toLevel: 'silver' }),
          change({ ownerRef: undefined }),
        ],
        '2026-11-26',
      ),
    ).toEqual([]);
  });

  it('names a drop below the first level', () => {
    const [n] = levelDropNotifications(
      [
        change({
          fromLevel: 'bronze',
          fromRank: 0,
          toLevel: undefined,
          toRank: -1,
        }),
      ],
      '2026-11-26',
    );
    expect(n.payload.title).toBe(
      'Checkout API dropped from bronze to no level',
    );
    expect(n.key).toContain(':bronze>no level:');
  });
});
