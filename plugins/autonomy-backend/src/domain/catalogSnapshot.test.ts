import { entity } from '../testUtils/catalogFixtures';
import { buildSnapshot, withoutRelations } from './catalogSnapshot';

describe('withoutRelations', () => {
  it('copies every node without its relations and leaves the snapshot it was given as it was', () => {
    const snapshot = buildSnapshot([
      entity('Group', 'checkout', { type: 'team' }),
      entity('Component', 'checkout-api', {
        owner: 'checkout',
        system: 'payments',
        annotations: { 'aligned-autonomy.io/tier': '1' },
      }),
    ]);
    const ref = 'component:default/checkout-api';
    expect(snapshot.get(ref)!.relations?.length).toBeGreaterThan(0);

    const compact = withoutRelations(snapshot);
    expect([...compact.keys()]).toEqual([...snapshot.keys()]);
    for (const [key, node] of compact) {
      expect(node).not.toHaveProperty('relations');
      const { relations, ...rest } = snapshot.get(key)!;
      expect(node).toEqual(rest);
    }
    expect(snapshot.get(ref)!.relations?.length).toBeGreaterThan(0);
    expect(compact.get(ref)!.ownerRef).toBe('group:default/checkout');
  });
});
