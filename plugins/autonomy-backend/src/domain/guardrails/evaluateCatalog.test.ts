import { buildSnapshot } from '../catalogSnapshot';
import type { EntityMission } from '../missions/resolveMissions';
import { entity } from '../../testUtils/catalogFixtures';
import { guardrailDef } from '../../testUtils/guardrailFixtures';
import { compileGuardrails } from './compileGuardrails';
import {
  evaluateCatalog,
  type CatalogFacts,
  type ScoredEntity,
} from './evaluateCatalog';

const NOW = Date.parse('2026-11-21T12:00:00Z');

const def = guardrailDef;

const snapshot = buildSnapshot([
  entity('Group', 'checkout', { type: 'team' }),
  entity('Group', 'commerce', { type: 'department' }),
  entity('User', 'alice'),
  entity('Domain', 'shop', { owner: 'commerce' }),
  entity('System', 'checkout-system', { owner: 'checkout', domain: 'shop' }),
  entity('System', 'loose-system', { owner: 'checkout' }),
  entity('Component', 'checkout-api', {
    type: 'service',
    owner: 'checkout',
    system: 'checkout-system',
    title: 'Checkout API',
  }),
  entity('Component', 'side-project', {
    type: 'service',
    owner: 'user:default/alice',
  }),
  entity('Component', 'orphan', { type: 'service' }),
  entity('Component', 'gone-owner', { type: 'service', owner: 'old-team' }),
  entity('Component', 'dept-tool', {
    type: 'service',
    owner: 'commerce',
    system: 'loose-system',
  }),
]);

const compiled = compileGuardrails({
  levels: ['bronze', 'silver', 'gold'],
  sources: [],
  providerIds: ['ci'],
  definitions: [
    def(
      'owner-is-team',
      {
        all: [
          { fact: 'owner.ref', exists: true },
          { fact: 'owner.exists', equals: true },
          { fact: 'owner.isTeam', equals: true },
        ],
      },
      { appliesTo: { kind: ['component', 'system'] } },
    ),
    def(
      'has-mission',
      {
        all: [
          { fact: 'mission.resolved', equals: true },
          { fact: 'mission.chainComplete', equals: true },
          { fact: 'mission.ref', exists: true },
        ],
      },
      { level: 'silver', appliesTo: { kind: ['component', 'system'] } },
    ),
  ],
});

const mission = (
  entityRef: string,
  chainRefs: string[],
  problem?: EntityMission['problem'],
): EntityMission => ({
  entityRef,
  kind: 'component',
  title: entityRef,
  chainRefs,
  ...(chainRefs.length
    ? {
        resolution: {
          missionRef: chainRefs[0],
          via: 'owner',
          sourceRef: 'group:default/checkout',
        },
      }
    : {}),
  ...(problem ? { problem } : {}),
});

const noFacts = (): CatalogFacts => ({
  missions: new Map(),
  pushed: new Map(),
  provided: new Map(),
  derived: new Map(),
  exemptions: new Map(),
});

function evaluate(facts: Partial<CatalogFacts> = {}, refs?: string[]) {
  const scored = evaluateCatalog(
    snapshot,
    compiled,
    { ...noFacts(), ...facts },
    NOW,
    refs,
  );
  const byRef = new Map(scored.map(s => [s.entityRef, s]));
  return {
    scored,
    get: (ref: string) => byRef.get(ref) as ScoredEntity,
  };
}

const factOf = (scored: ScoredEntity, guardrailId: string, factId: string) =>
  scored.results
    .find(r => r.guardrailId === guardrailId)
    ?.facts.find(f => f.id === factId)?.value;

describe('evaluateCatalog', () => {
  it('scores the entities some guardrail applies to', () => {
    const { scored } = evaluate();
    expect(scored.map(s => s.entityRef).sort()).toEqual([
      'component:default/checkout-api',
      'component:default/dept-tool',
      'component:default/gone-owner',
      'component:default/orphan',
      'component:default/side-project',
      'system:default/checkout-system',
      'system:default/loose-system',
    ]);
  });

  it('adds the catalog context of a component', () => {
    expect(evaluate().get('component:default/checkout-api')).toMatchObject({
      kind: 'component',
      title: 'Checkout API',
      ownerRef: 'group:default/checkout',
      systemRef: 'system:default/checkout-system',
      domainRef: 'domain:default/shop',
    });
  });

  it('uses a system’s own ref as its systemRef, and its own domain', () => {
    expect(evaluate().get('system:default/checkout-system')).toMatchObject({
      kind: 'system',
      ownerRef: 'group:default/checkout',
      systemRef: 'system:default/checkout-system',
      domainRef: 'domain:default/shop',
    });
  });

  it('leaves out a domain that is not known', () => {
    const loose = evaluate().get('system:default/loose-system');
    expect(loose.systemRef).toBe('system:default/loose-system');
    expect(loose.domainRef).toBeUndefined();
    const deptTool = evaluate().get('component:default/dept-tool');
    expect(deptTool.systemRef).toBe('system:default/loose-system');
    expect(deptTool.domainRef).toBeUndefined();
    const orphan = evaluate().get('component:default/orphan');
    expect(orphan.ownerRef).toBeUndefined();
    expect(orphan.systemRef).toBeUndefined();
    expect(orphan.domainRef).toBeUndefined();
  });

  describe('owner facts', () => {
    it('owner.isTeam is true for a team group', () => {
      const s = evaluate().get('component:default/checkout-api');
      expect(factOf(s, 'owner-is-team', 'owner.isTeam')).toBe(true);
      expect(factOf(s, 'owner-is-team', 'owner.exists')).toBe(true);
      expect(s.results[0].state).toBe('pass');
    });

    it.each([
      ['a user owner', 'component:default/side-project', true],
      ['a group that is not a team', 'component:default/dept-tool', true],
      [
        'an owner missing from the catalog',
        'component:default/gone-owner',
        false,
      ],
      ['no owner', 'component:default/orphan', false],
    ])('owner.isTeam is false for %s', (_what, ref, exists) => {
      const s = evaluate().get(ref);
      expect(factOf(s, 'owner-is-team', 'owner.isTeam')).toBe(false);
      expect(factOf(s, 'owner-is-team', 'owner.exists')).toBe(exists);
      expect(s.results[0].state).toBe('fail');
      expect(s.level).toBeNull();
    });
  });

  describe('mission facts', () => {
    const missions = new Map([
      [
        'component:default/checkout-api',
        mission('component:default/checkout-api', [
          'mission:default/frictionless-checkout',
          'mission:default/north-star',
        ]),
      ],
      [
        'system:default/checkout-system',
        mission('system:default/checkout-system', ['mission:default/lost'], {
          type: 'missing-parent',
          message: 'mission:default/lost has a parent that does not exist',
        }),
      ],
    ]);

    it('come from the missions map', () => {
      const { get } = evaluate({ missions });
      const api = get('component:default/checkout-api');
      expect(factOf(api, 'has-mission', 'mission.resolved')).toBe(true);
      expect(factOf(api, 'has-mission', 'mission.chainComplete')).toBe(true);
      expect(factOf(api, 'has-mission', 'mission.ref')).toBe(
        'mission:default/frictionless-checkout',
      );
      // Silver: the highest level with a guardrail for it (gold has none, so it is not granted).
      expect(api.level).toBe('silver');
      expect(api.score).toBe(100);

      const system = get('system:default/checkout-system');
      expect(factOf(system, 'has-mission', 'mission.resolved')).toBe(true);
      expect(factOf(system, 'has-mission', 'mission.chainComplete')).toBe(
        false,
      );
      expect(system.level).toBe('bronze');
      expect(system.blockingNext).toEqual(['has-mission']);
    });

    it('are false for an entity without a mission', () => {
      const s = evaluate({ missions }).get('system:default/loose-system');
      expect(factOf(s, 'has-mission', 'mission.resolved')).toBe(false);
      expect(factOf(s, 'has-mission', 'mission.chainComplete')).toBe(false);
      expect(factOf(s, 'has-mission', 'mission.ref')).toBeNull();
    });
  });

  it('names levels, null when none is reached', () => {
    const { get } = evaluate();
    expect(get('component:default/checkout-api').level).toBe('bronze');
    expect(get('component:default/orphan').level).toBeNull();
    expect(get('component:default/orphan').levelIndex).toBe(-1);
  });

  it('applies each entity’s own exemptions', () => {
    const { get } = evaluate({
      exemptions: new Map([
        [
          'component:default/orphan',
          new Map([['owner-is-team', { id: 'ex-1', expiresAt: '2027-01-01' }]]),
        ],
      ]),
    });
    expect(get('component:default/orphan').results[0]).toMatchObject({
      state: 'exempt',
      exemptionId: 'ex-1',
    });
    expect(get('component:default/orphan').level).toBe('bronze');
    expect(get('component:default/gone-owner').results[0].state).toBe('fail');
  });

  it('gives each entity its own provided and derived facts', () => {
    const compiledWithFacts = compileGuardrails({
      levels: ['bronze'],
      sources: [],
      providerIds: ['ci'],
      definitions: [
        def('coverage', { fact: 'ci.coverage', greaterThan: 80 }),
        def('boundaries', { fact: 'boundaries.crossTeamCalls', lessThan: 3 }),
      ],
    });
    const scored = evaluateCatalog(
      snapshot,
      compiledWithFacts,
      {
        ...noFacts(),
        provided: new Map([
          [
            'ci',
            new Map([
              ['component:default/checkout-api', { coverage: 90 }],
              ['component:default/orphan', { coverage: 10 }],
            ]),
          ],
        ]),
        derived: new Map([
          [
            'component:default/checkout-api',
            { 'boundaries.crossTeamCalls': 1 },
          ],
        ]),
      },
      NOW,
      [
        'component:default/checkout-api',
        'component:default/orphan',
        'component:default/side-project',
      ],
    );
    const states = Object.fromEntries(
      scored.map(s => [s.entityRef, s.results.map(r => r.state)]),
    );
    expect(states).toEqual({
      'component:default/checkout-api': ['pass', 'pass'],
      'component:default/orphan': ['fail', 'unknown'],
      'component:default/side-project': ['unknown', 'unknown'],
    });
  });

  it('evaluates only the given refs, skipping refs not in the snapshot', () => {
    const { scored } = evaluate({}, [
      'component:default/orphan',
      'component:default/not-there',
      'group:default/checkout',
    ]);
    expect(scored.map(s => s.entityRef)).toEqual(['component:default/orphan']);
  });
});
