import { buildSnapshot } from '../catalogSnapshot';
import { entity } from '../../testUtils/catalogFixtures';
import { analyzeBoundaries, boundaryFacts } from './analyzeBoundaries';
import { findCycles } from './findCycles';

const SLA = { 'aligned-autonomy.io/sla-availability': '99.9' };

const org = [
  entity('Group', 'checkout', {
    type: 'team',
    members: ['maya', 'ola'],
    annotations: {
      'aligned-autonomy.io/team-type': 'stream-aligned',
      'aligned-autonomy.io/interactions':
        'x-as-a-service:inventory, collaboration:payments@2026-08-31, facilitating:ghost-team',
    },
  }),
  entity('Group', 'inventory', { type: 'team', members: ['ann'] }),
  entity('Group', 'payments', { type: 'team' }),
  entity('User', 'maya'),
  entity('API', 'inventory-api', { owner: 'inventory', annotations: SLA }),
  entity('API', 'payments-api', { owner: 'payments' }),
  entity('API', 'checkout-api-spec', { owner: 'checkout' }),
  entity('Component', 'inventory-service', { owner: 'inventory' }),
  entity('Resource', 'inventory-db', { owner: 'inventory' }),
];

const analyse = (extra: ReturnType<typeof entity>[], today = '2026-11-21') =>
  analyzeBoundaries(buildSnapshot([...org, ...extra]), today);

describe('analyzeBoundaries', () => {
  it('classifies each cross-team dependency: healthy, contract gap, violation', () => {
    const { dependencies } = analyse([
      entity('Component', 'checkout-service', {
        owner: 'checkout',
        consumesApis: ['inventory-api', 'payments-api', 'checkout-api-spec'],
        dependsOn: [
          'component:default/inventory-service',
          'resource:default/inventory-db',
        ],
      }),
    ]);
    const byTarget = Object.fromEntries(dependencies.map(d => [d.toRef, d]));
    expect(byTarget['api:default/inventory-api']).toMatchObject({
      via: 'api',
      health: 'healthy',
      fromTeamRef: 'group:default/checkout',
      toTeamRef: 'group:default/inventory',
    });
    expect(byTarget['api:default/inventory-api'].fix).toBeUndefined();
    expect(byTarget['api:default/payments-api']).toMatchObject({
      via: 'api',
      health: 'contract-gap',
      fix: expect.stringMatching(
        /Ask payments to declare the SLA of payments-api/,
      ),
    });
    expect(byTarget['component:default/inventory-service']).toMatchObject({
      via: 'direct',
      health: 'violation',
      fix: expect.stringMatching(
        /Depend on an API of inventory instead of their component inventory-service/,
      ),
    });
    expect(byTarget['resource:default/inventory-db']).toMatchObject({
      via: 'direct',
      health: 'violation',
    });
    // Same-team dependencies are not boundary crossings.
    expect(byTarget['api:default/checkout-api-spec']).toBeUndefined();
    expect(dependencies).toHaveLength(4);
  });

  it('reports self-dependencies and missing targets without classifying them', () => {
    const { dependencies, problems } = analyse([
      entity('Component', 'loop', {
        owner: 'checkout',
        dependsOn: ['component:default/loop', 'component:default/gone'],
      }),
    ]);
    expect(dependencies).toEqual([]);
    expect(problems).toEqual(
      expect.arrayContaining([
        {
          type: 'self-dependency',
          entityRef: 'component:default/loop',
          refs: ['component:default/loop'],
          message: 'loop depends on itself',
        },
        {
          type: 'missing-target',
          entityRef: 'component:default/loop',
          refs: ['component:default/gone'],
          message: expect.stringMatching(/not in the catalog/),
        },
      ]),
    );
  });

  it('finds dependency cycles and still terminates', () => {
    const { problems } = analyse([
      entity('Component', 'a', {
        owner: 'checkout',
        dependsOn: ['component:default/b'],
      }),
      entity('Component', 'b', {
        owner: 'inventory',
        dependsOn: ['component:default/c'],
      }),
      entity('Component', 'c', {
        owner: 'payments',
        dependsOn: ['component:default/a'],
      }),
    ]);
    const cycle = problems.find(p => p.type === 'dependency-cycle');
    expect(cycle?.refs).toEqual([
      'component:default/a',
      'component:default/b',
      'component:default/c',
    ]);
    expect(cycle?.message).toBe('Dependency cycle: a → b → c → a');
  });

  it('reads the team API, expired collaborations and interactions with missing teams', () => {
    const { teams, problems } = analyse([]);
    const checkout = teams.find(t => t.teamRef === 'group:default/checkout')!;
    expect(checkout.teamApi.teamType).toBe('stream-aligned');
    expect(checkout.expiredCollaborations).toEqual([
      { teamRef: 'group:default/payments', endsOn: '2026-08-31' },
    ]);
    expect(problems.map(p => p.type)).toEqual(
      expect.arrayContaining([
        'expired-collaboration',
        'missing-interaction-team',
      ]),
    );
    // Before the end date, the collaboration is not expired.
    expect(
      analyse([], '2026-08-31').teams.find(
        t => t.teamRef === 'group:default/checkout',
      )!.expiredCollaborations,
    ).toEqual([]);
  });

  it('computes team load: owned entities per member, inbound and outbound dependencies', () => {
    const { teams } = analyse([
      entity('Component', 'checkout-service', {
        owner: 'checkout',
        dependsOn: ['component:default/inventory-service'],
      }),
    ]);
    const inventory = teams.find(t => t.teamRef === 'group:default/inventory')!;
    expect(inventory.load).toEqual({
      ownedEntities: 3,
      members: 1,
      perMember: 3,
      inboundDependencies: 1,
      outboundDependencies: 0,
    });
    const payments = teams.find(t => t.teamRef === 'group:default/payments')!;
    expect(payments.load.perMember).toBeNull();
  });

  it('lists ownership gaps', () => {
    const { gaps } = analyse([
      entity('Component', 'orphan', {}),
      entity('Component', 'ghost-owned', { owner: 'growth-hacks' }),
      entity('Component', 'personal', { owner: 'user:default/maya' }),
      entity('System', 'shop', { owner: 'checkout' }),
      entity('Component', 's1', { owner: 'checkout', system: 'shop' }),
      entity('Component', 's2', { owner: 'inventory', system: 'shop' }),
      entity('Component', 's3', { owner: 'payments', system: 'shop' }),
    ]);
    const of = (type: string) =>
      gaps.filter(g => g.type === type).map(g => g.entityRef);
    expect(of('no-owner')).toEqual(['component:default/orphan']);
    expect(of('missing-owner')).toEqual(['component:default/ghost-owned']);
    expect(of('person-owner')).toEqual(['component:default/personal']);
    expect(of('team-without-members')).toEqual(['group:default/payments']);
    expect(of('scattered-system')).toEqual(['system:default/shop']);
  });

  it('gives every owned entity boundary facts, zero when it crosses no boundary', () => {
    const snapshot = buildSnapshot([
      ...org,
      entity('Component', 'checkout-service', {
        owner: 'checkout',
        consumesApis: ['payments-api'],
        dependsOn: ['resource:default/inventory-db'],
      }),
    ]);
    const facts = boundaryFacts(
      snapshot,
      analyzeBoundaries(snapshot, '2026-11-21').dependencies,
    );
    expect(facts.get('component:default/checkout-service')).toEqual({
      'boundaries.violations': 1,
      'boundaries.contractGaps': 1,
    });
    expect(facts.get('component:default/inventory-service')).toEqual({
      'boundaries.violations': 0,
      'boundaries.contractGaps': 0,
    });
    expect(facts.has('group:default/checkout')).toBe(false);
  });
});

describe('findCycles', () => {
  it('finds every cycle of more than one member, ignores missing targets, and handles long chains', () => {
    const graph = new Map<string, string[]>([
      ['a', ['b']],
      ['b', ['a', 'missing']],
      ['c', ['d']],
      ['d', ['e']],
      ['e', ['c']],
      ['f', []],
    ]);
    expect(findCycles(graph)).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
    const chain = new Map(
      Array.from({ length: 100_000 }, (_, i) => [
        `n${i}`,
        i < 99_999 ? [`n${i + 1}`] : ['n0'],
      ]),
    );
    expect(findCycles(chain)[0]).toHaveLength(100_000);
  });
});
