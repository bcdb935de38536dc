import type { Entity } from '@backstage/catalog-model';
import { buildSnapshot } from '../catalogSnapshot';
import {
  entity,
  generateCatalog,
  mission,
} from '../../testUtils/catalogFixtures';
import { resolveMissions, type EntityMission } from './resolveMissions';

function analyse(entities: Entity[]) {
  const analysis = resolveMissions(buildSnapshot(entities));
  const byRef = new Map(analysis.entities.map(e => [e.entityRef, e]));
  return { ...analysis, get: (ref: string) => byRef.get(ref) as EntityMission };
}

const org = [
  entity('Group', 'org', { type: 'organization' }),
  entity('Group', 'commerce', { type: 'department', parent: 'org' }),
  entity('Group', 'checkout', { type: 'team', parent: 'commerce' }),
  entity('Group', 'payments', {
    type: 'team',
    parent: 'commerce',
    mission: 'mission:default/fast-payments',
  }),
  entity('Group', 'warehouse', { type: 'team', parent: 'commerce' }),
  mission('north-star', { owner: 'org' }),
  mission('commerce-mission', { owner: 'commerce', parent: 'north-star' }),
  mission('frictionless-checkout', {
    owner: 'checkout',
    parent: 'commerce-mission',
  }),
  mission('fast-payments', { owner: 'payments', parent: 'commerce-mission' }),
  mission('domain-mission', { owner: 'commerce', parent: 'north-star' }),
  entity('Domain', 'shop', { owner: 'commerce', mission: 'domain-mission' }),
  entity('System', 'checkout-system', {
    owner: 'checkout',
    domain: 'shop',
    mission: 'fast-payments',
  }),
  entity('System', 'plain-system', { owner: 'checkout', domain: 'shop' }),
  entity('System', 'orphan-system', { owner: 'warehouse' }),
];

describe('resolveMissions', () => {
  it('prefers the entity’s own annotation', () => {
    const a = analyse([
      ...org,
      entity('Component', 'api', {
        owner: 'checkout',
        system: 'checkout-system',
        mission: 'frictionless-checkout',
      }),
    ]);
    expect(a.get('component:default/api').resolution).toEqual({
      missionRef: 'mission:default/frictionless-checkout',
      via: 'annotation',
      sourceRef: 'component:default/api',
    });
    expect(a.get('component:default/api').chainRefs).toEqual([
      'mission:default/frictionless-checkout',
      'mission:default/commerce-mission',
      'mission:default/north-star',
    ]);
    expect(a.get('component:default/api').problem).toBeUndefined();
  });

  it('then the system’s, then the domain’s', () => {
    const a = analyse([
      ...org,
      entity('Component', 'in-annotated-system', {
        owner: 'checkout',
        system: 'checkout-system',
      }),
      entity('Component', 'in-plain-system', {
        owner: 'checkout',
        system: 'plain-system',
      }),
    ]);
    expect(
      a.get('component:default/in-annotated-system').resolution,
    ).toMatchObject({
      via: 'system',
      sourceRef: 'system:default/checkout-system',
      missionRef: 'mission:default/fast-payments',
    });
    expect(a.get('component:default/in-plain-system').resolution).toMatchObject(
      {
        via: 'domain',
        sourceRef: 'domain:default/shop',
        missionRef: 'mission:default/domain-mission',
      },
    );
    expect(a.get('system:default/plain-system').resolution).toMatchObject({
      via: 'domain',
    });
  });

  it('then the owning team’s mission: its annotation, else a mission it owns', () => {
    const a = analyse([
      ...org,
      entity('Component', 'owned-by-payments', { owner: 'payments' }),
      entity('Component', 'owned-by-checkout', { owner: 'checkout' }),
    ]);
    expect(
      a.get('component:default/owned-by-payments').resolution,
    ).toMatchObject({
      via: 'owner',
      sourceRef: 'group:default/payments',
      missionRef: 'mission:default/fast-payments',
    });
    expect(
      a.get('component:default/owned-by-checkout').resolution,
    ).toMatchObject({
      via: 'owner',
      missionRef: 'mission:default/frictionless-checkout',
    });
  });

  it('then walks up the owner’s group hierarchy', () => {
    const a = analyse([
      ...org,
      entity('Component', 'warehouse-app', { owner: 'warehouse' }),
    ]);
    expect(a.get('component:default/warehouse-app').resolution).toMatchObject({
      via: 'owner-ancestor',
      sourceRef: 'group:default/commerce',
      missionRef: 'mission:default/commerce-mission',
    });
    expect(a.get('group:default/warehouse').resolution).toMatchObject({
      via: 'owner-ancestor',
    });
    expect(a.get('group:default/warehouse').hasOwnMission).toBe(false);
    expect(a.get('group:default/checkout').hasOwnMission).toBe(true);
  });

  it('resolves a mission to itself', () => {
    const a = analyse(org);
    expect(a.get('mission:default/fast-payments').resolution).toMatchObject({
      via: 'self',
    });
    expect(a.get('mission:default/north-star').chainRefs).toEqual([
      'mission:default/north-star',
    ]);
  });

  it('reports an entity with no mission anywhere', () => {
    const a = analyse([
      entity('Group', 'lonely', { type: 'team' }),
      entity('Component', 'x', { owner: 'lonely' }),
    ]);
    expect(a.get('component:default/x').problem).toMatchObject({
      type: 'no-mission',
    });
    expect(a.get('component:default/x').chainRefs).toEqual([]);
  });

  it('reports an annotation that names a mission that does not exist, without falling back', () => {
    const a = analyse([
      ...org,
      entity('Component', 'typo', {
        owner: 'checkout',
        mission: 'frictionles-checkout',
      }),
    ]);
    expect(a.get('component:default/typo').problem).toEqual({
      type: 'missing-mission',
      ref: 'mission:default/frictionles-checkout',
      message: 'Mission mission:default/frictionles-checkout does not exist',
    });
  });

  it('reports an annotation that is not a mission reference', () => {
    const a = analyse([
      ...org,
      entity('Component', 'bad', {
        owner: 'checkout',
        mission: 'group:default/checkout',
      }),
    ]);
    expect(a.get('component:default/bad').problem?.type).toBe(
      'missing-mission',
    );
    expect(a.get('component:default/bad').problem?.message).toMatch(
      /group:default\/checkout/,
    );
  });

  it('reports a missing parent on the chain and on the mission', () => {
    const a = analyse([
      entity('Group', 't', { type: 'team' }),
      mission('child', { owner: 't', parent: 'gone' }),
      entity('Component', 'c', { owner: 't' }),
    ]);
    expect(a.get('component:default/c').chainRefs).toEqual([
      'mission:default/child',
    ]);
    expect(a.get('component:default/c').problem).toMatchObject({
      type: 'missing-parent',
      ref: 'mission:default/gone',
    });
    expect(a.problems).toContainEqual({
      missionRef: 'mission:default/child',
      type: 'missing-parent',
      message: 'Parent mission mission:default/gone does not exist',
    });
  });

  it('detects parent cycles (including a mission that is its own parent) without looping', () => {
    const a = analyse([
      entity('Group', 't', { type: 'team' }),
      mission('a', { owner: 't', parent: 'b' }),
      mission('b', { owner: 't', parent: 'c' }),
      mission('c', { owner: 't', parent: 'a' }),
      mission('self', { owner: 't', parent: 'self' }),
      entity('Component', 'c1', { owner: 't', mission: 'a' }),
    ]);
    expect(a.get('component:default/c1').problem?.type).toBe('cycle');
    expect(a.get('component:default/c1').chainRefs).toEqual([
      'mission:default/a',
      'mission:default/b',
      'mission:default/c',
    ]);
    expect(a.get('mission:default/self').problem?.type).toBe('cycle');
    expect(
      a.problems
        .filter(p => p.type === 'cycle')
        .map(p => p.missionRef)
        .sort(),
    ).toEqual([
      'mission:default/a',
      'mission:default/b',
      'mission:default/c',
      'mission:default/self',
    ]);
  });

  it('survives a cycle in the group hierarchy', () => {
    const a = analyse([
      entity('Group', 'x', { type: 'team', parent: 'y' }),
      entity('Group', 'y', { type: 'team', parent: 'x' }),
      entity('Component', 'c', { owner: 'x' }),
    ]);
    expect(a.get('component:default/c').problem?.type).toBe('no-mission');
  });

  it('reports missions whose owner is missing or not a group', () => {
    const a = analyse([
      entity('User', 'maya'),
      {
        ...mission('by-user', { owner: 'org' }),
        relations: [{ type: 'ownedBy', targetRef: 'user:default/maya' }],
      },
      mission('by-ghost', { owner: 'ghost-team' }),
    ]);
    expect(a.problems).toEqual(
      expect.arrayContaining([
        {
          missionRef: 'mission:default/by-user',
          type: 'owner-not-group',
          message: 'Owner user:default/maya is not a Group',
        },
        {
          missionRef: 'mission:default/by-ghost',
          type: 'missing-owner',
          message: 'Owner group:default/ghost-team does not exist',
        },
      ]),
    );
  });

  it('summarises missions with their department', () => {
    const a = analyse(org);
    const checkout = a.missions.find(
      m => m.ref === 'mission:default/frictionless-checkout',
    );
    expect(checkout).toMatchObject({
      ownerRef: 'group:default/checkout',
      departmentRef: 'group:default/commerce',
      parentRef: 'mission:default/commerce-mission',
    });
    expect(
      a.missions.find(m => m.ref === 'mission:default/north-star')
        ?.departmentRef,
    ).toBeUndefined();
  });

  it('skips kinds without missions', () => {
    const a = analyse([
      ...org,
      entity('User', 'maya'),
      entity('Location', 'loc'),
    ]);
    expect(a.get('user:default/maya')).toBeUndefined();
    expect(a.get('location:default/loc')).toBeUndefined();
  });

  it('resolves every entity of a generated catalog', () => {
    const a = analyse(generateCatalog(2_000));
    const components = a.entities.filter(e => e.kind === 'component');
    expect(components.length).toBeGreaterThan(1_500);
    expect(
      components.every(
        e => e.chainRefs.at(-1) === 'mission:default/north-star',
      ),
    ).toBe(true);
  });
});
