import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { specCheckedBackend } from './__testUtils__/specCheckedServer';
import { startAutonomyBackend } from './__testUtils__/startAutonomyBackend';
import { autonomyPlugin } from './plugin';
import { entity } from './testUtils/catalogFixtures';

const SLA = { 'aligned-autonomy.io/sla-availability': '99.9' };
const entities = [
  entity('Group', 'checkout', {
    type: 'team',
    members: ['maya', 'ola'],
    annotations: {
      'aligned-autonomy.io/team-type': 'stream-aligned',
      'aligned-autonomy.io/interactions': 'collaboration:inventory@2026-01-31',
    },
  }),
  entity('Group', 'inventory', { type: 'team', members: ['ann'] }),
  entity('API', 'inventory-api', { owner: 'inventory', annotations: SLA }),
  entity('Resource', 'inventory-db', { owner: 'inventory' }),
  entity('Component', 'checkout-service', {
    type: 'service',
    owner: 'checkout',
    consumesApis: ['inventory-api'],
    dependsOn: ['resource:default/inventory-db'],
  }),
  entity('Component', 'cart', {
    type: 'service',
    owner: 'checkout',
    consumesApis: ['inventory-api'],
  }),
  entity('User', 'maya'),
  entity('Component', 'inventory-service', {
    type: 'service',
    owner: 'inventory',
  }),
  entity('Component', 'personal', {
    type: 'service',
    owner: 'user:default/maya',
  }),
];

const config = {
  autonomy: {
    guardrails: {
      definitions: [
        {
          id: 'no-violations',
          title: 'No violations',
          rationale: { why: 'Boundaries' },
          appliesTo: { kind: 'component' },
          rule: { fact: 'boundaries.violations', equals: 0 },
          level: 'silver',
        },
      ],
    },
    earnedAutonomy: {
      decisions: [
        {
          id: 'add-datastore',
          title: 'Add a datastore',
          defaultScope: 'design-review',
        },
        {
          id: 'adopt-vendor',
          title: 'Adopt a new vendor',
          defaultScope: 'cross-functional',
        },
      ],
      levels: [
        { id: 'guided', title: 'Guided' },
        {
          id: 'trusted',
          title: 'Trusted',
          requires: {
            maxBoundaryViolations: 0,
            minShareAtLevel: { level: 'silver', share: 0.5 },
          },
          localDecisions: ['add-datastore'],
        },
      ],
    },
  },
};

const user = mockCredentials.user.header();

async function start() {
  const server = await startAutonomyBackend({ entities, config });
  await request(server)
    .post('/api/autonomy/refresh')
    .set('Authorization', user)
    .expect(202);
  return specCheckedBackend(server);
}

const get = async (server: any, path: string) =>
  request(server).get(`/api/autonomy${path}`).set('Authorization', user);

// Each test starts a backend and runs an analysis: room for a busy machine.
jest.setTimeout(60_000);

describe('boundaries API', () => {
  it('shows an entity’s cross-team dependencies with their health and how to fix them', async () => {
    const server = await start();
    const res = await get(
      server,
      '/entities/component/default/checkout-service/boundaries',
    );
    expect(res.status).toBe(200);
    expect(res.body.ownerRef).toBe('group:default/checkout');
    expect(res.body.ownerTeamApi.teamType).toBe('stream-aligned');
    expect(res.body.outbound.map((d: any) => [d.toRef, d.health])).toEqual([
      ['api:default/inventory-api', 'healthy'],
      ['resource:default/inventory-db', 'violation'],
    ]);
    expect(res.body.outbound[1].fix).toMatch(/Depend on an API of inventory/);
    const db = await get(
      server,
      '/entities/resource/default/inventory-db/boundaries',
    );
    expect(db.body.inbound.map((d: any) => d.fromRef)).toEqual([
      'component:default/checkout-service',
    ]);
  });

  it('feeds violations to the guardrails', async () => {
    const server = await start();
    const card = await get(
      server,
      '/entities/component/default/checkout-service/scorecard',
    );
    expect(card.body.results[0]).toMatchObject({
      state: 'fail',
      message: 'expected boundaries.violations to equal 0, but it is 1',
    });
    expect(
      (await get(server, '/entities/component/default/cart/scorecard')).body
        .results[0].state,
    ).toBe('pass');
  });

  it('shows a team’s boundaries, load and expired collaborations', async () => {
    const server = await start();
    const res = await get(server, '/teams/default/checkout/boundaries');
    expect(res.body.load).toEqual({
      ownedEntities: 2,
      members: 2,
      perMember: 1,
      inboundDependencies: 0,
      outboundDependencies: 3,
    });
    expect(res.body.expiredCollaborations).toEqual([
      { teamRef: 'group:default/inventory', endsOn: '2026-01-31' },
    ]);
    expect((await get(server, '/teams/default/nobody/boundaries')).status).toBe(
      404,
    );
  });

  it('computes earned autonomy and what would widen it', async () => {
    const server = await start();
    const res = await get(server, '/teams/default/checkout/autonomy');
    expect(res.body.level).toEqual({ id: 'guided', title: 'Guided' });
    expect(res.body.nextLevel).toEqual({
      id: 'trusted',
      title: 'Trusted',
      missing: ['no boundary violations (now 1)'],
      wouldBecomeLocal: ['Add a datastore'],
    });
    expect(res.body.decisions.map((d: any) => [d.decisionId, d.scope])).toEqual(
      [
        ['add-datastore', 'design-review'],
        ['adopt-vendor', 'cross-functional'],
      ],
    );
    expect(res.body.record).toMatchObject({
      services: 2,
      boundaryViolations: 1,
      openExemptions: 0,
    });
    // Inventory's one service passes and crosses no boundary: it earns Trusted and decides
    // datastores alone.
    const inventory = await get(server, '/teams/default/inventory/autonomy');
    expect(inventory.body.level.id).toBe('trusted');
    expect(inventory.body.decisions[0]).toMatchObject({
      decisionId: 'add-datastore',
      scope: 'local',
    });
  });

  it('draws the org boundary map and lists ownership gaps', async () => {
    const server = await start();
    const map = await get(server, '/boundaries/map');
    expect(map.body.edges).toEqual([
      {
        fromTeamRef: 'group:default/checkout',
        toTeamRef: 'group:default/inventory',
        healthy: 2,
        contractGap: 0,
        violation: 1,
      },
    ]);
    expect(map.body.teams.map((t: any) => t.teamRef)).toEqual([
      'group:default/checkout',
      'group:default/inventory',
    ]);
    const gaps = await get(server, '/ownership-gaps');
    expect(gaps.body.items.map((g: any) => [g.type, g.entityRef])).toEqual([
      ['person-owner', 'component:default/personal'],
    ]);
  });

  it('stops start-up on invalid earned-autonomy configuration, naming the key', async () => {
    const bad = {
      autonomy: {
        earnedAutonomy: {
          ...config.autonomy.earnedAutonomy,
          levels: [
            { id: 'guided', title: 'Guided' },
            { id: 'trusted', title: 'Trusted', localDecisions: ['fly'] },
          ],
        },
      },
    };
    await expect(
      startTestBackend({
        features: [
          autonomyPlugin,
          catalogServiceMock.factory({ entities }),
          mockServices.rootConfig.factory({ data: bad }),
        ],
      }),
    ).rejects.toThrow(
      /autonomy\.earnedAutonomy\.levels\[1\]\.localDecisions\[0\]: unknown decision "fly"/,
    );
  });
});
