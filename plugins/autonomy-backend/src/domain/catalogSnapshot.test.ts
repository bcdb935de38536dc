import { entity } from '../testUtils/catalogFixtures';
import { buildSnapshot, withoutRelations } from './catalogSnapshot';

describe('buildSnapshot', () => {
  it('keeps only the relations an analysis reads; owner, system and parent become fields', () => {
    const snapshot = buildSnapshot([
      entity('Group', 'checkout', {
        type: 'team',
        parent: 'commerce',
        members: ['ada'],
      }),
      entity('Component', 'checkout-api', {
        owner: 'checkout',
        system: 'payments',
        dependsOn: ['component:default/ledger'],
        consumesApis: ['ledger-api'],
      }),
    ]);
    expect(snapshot.get('component:default/checkout-api')).toMatchObject({
      ownerRef: 'group:default/checkout',
      systemRef: 'system:default/payments',
      relations: [
        { type: 'dependsOn', targetRef: 'component:default/ledger' },
        { type: 'consumesApi', targetRef: 'api:default/ledger-api' },
      ],
    });
    expect(snapshot.get('group:default/checkout')).toMatchObject({
      parentGroupRef: 'group:default/commerce',
      relations: [{ type: 'hasMember', targetRef: 'user:default/ada' }],
    });
  });
});

describe('withoutRelations', () => {
  it('copies every node without its relations and leaves the snapshot it was given as it was', () => {
    const snapshot = buildSnapshot([
      entity('Group', 'checkout', { type: 'team' }),
      entity('Component', 'checkout-api', {
        owner: 'checkout',
        system: 'payments',
        dependsOn: ['component:default/ledger'],
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
