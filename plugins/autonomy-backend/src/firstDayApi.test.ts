import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { specCheckedBackend } from './__testUtils__/specCheckedServer';
import { startAutonomyBackend } from './__testUtils__/startAutonomyBackend';
import { entity } from './testUtils/catalogFixtures';

// What a new adopter sees first: no guardrails, none that apply, the README's sample config, and
// the views right after one entity changes.

jest.setTimeout(60_000);

const service = (name: string, owner: string, tier?: string) => ({
  ...entity('Component', name, {
    type: 'service',
    owner,
    annotations: tier ? { 'aligned-autonomy.io/tier': tier } : {},
  }),
  spec: { type: 'service', owner, lifecycle: 'production' },
});

const entities = [
  entity('Group', 'checkout', { type: 'team' }),
  entity('Group', 'payments', { type: 'team' }),
  service('checkout-api', 'checkout', '1'),
  service('payments-api', 'payments', '1'),
  service('docs-site', 'payments'),
];

/** The README's sample: one gold guardrail for tier-1 components, in its grace period. */
const chaosGuardrail = {
  id: 'tier1-recent-chaos-test',
  title: 'Tier-1 service passed a chaos test in the last 30 days',
  rationale: { why: 'Fault tolerance is only known when it has been tested.' },
  appliesTo: { kind: ['component'], tier: ['1'] },
  rule: {
    all: [
      { fact: 'chaos.lastRunAt', newerThanDays: 30 },
      { fact: 'chaos.passRate', greaterThanOrEqual: 0.95 },
    ],
  },
  level: 'gold',
  weight: 2,
  enforcedFrom: '2999-01-15',
};
const chaosSource = {
  id: 'chaos',
  maxAgeDays: 30,
  fields: { lastRunAt: 'datetime', passRate: 'number' },
};

async function start(guardrails?: object) {
  const server = await startAutonomyBackend({
    entities,
    config: { autonomy: guardrails ? { guardrails } : {} },
    anonymousWithoutToken: true,
  });
  return specCheckedBackend(server);
}

const user = mockCredentials.user.header('user:default/maya');
const ci = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('external:ci-fact-push'),
  targetPluginId: 'autonomy',
});

const get = async (server: any, path: string) => {
  const res = await request(server)
    .get(`/api/autonomy${path}`)
    .set('Authorization', user);
  expect([path, res.status]).toEqual([path, 200]);
  return res.body;
};

async function refreshed(guardrails?: object) {
  const server = await start(guardrails);
  await request(server)
    .post('/api/autonomy/refresh')
    .set('Authorization', user)
    .expect(202);
  return server;
}

describe('first day', () => {
  it('says so when no guardrail is configured, before and after an analysis', async () => {
    const server = await start();
    expect(
      await get(server, '/entities/component/default/checkout-api/scorecard'),
    ).toEqual({
      entityRef: 'component:default/checkout-api',
      status: 'no-guardrails-configured',
      guardrailCount: 0,
    });
    await request(server)
      .post('/api/autonomy/refresh')
      .set('Authorization', user)
      .expect(202);
    const card = await get(
      server,
      '/entities/component/default/checkout-api/scorecard',
    );
    expect(card).toMatchObject({
      status: 'no-guardrails-configured',
      evaluatedAt: expect.any(String),
    });
    expect((await get(server, '/guardrails')).guardrails).toEqual([]);
  });

  it('says no guardrail applies to an entity none matches, and 404 for one not in the catalog', async () => {
    const server = await refreshed({
      facts: [chaosSource],
      definitions: [chaosGuardrail],
    });
    expect(
      await get(server, '/entities/component/default/docs-site/scorecard'),
    ).toEqual({
      entityRef: 'component:default/docs-site',
      status: 'no-guardrail-applies',
      guardrailCount: 1,
      evaluatedAt: expect.any(String),
    });
    // Re-evaluating it answers the same way.
    const evaluated = await request(server)
      .post('/api/autonomy/entities/component/default/docs-site/evaluate')
      .set('Authorization', user)
      .expect(200);
    expect(evaluated.body.status).toBe('no-guardrail-applies');

    const ghost = await request(server)
      .get('/api/autonomy/entities/component/default/ghost/scorecard')
      .set('Authorization', user);
    expect(ghost.status).toBe(404);
    expect(ghost.body.error.message).toMatch(
      /component:default\/ghost is not in the catalog/,
    );
  });

  it('never shows the README sample’s tier-1 service as gold with a score of 0', async () => {
    const server = await refreshed({
      facts: [chaosSource],
      definitions: [chaosGuardrail],
    });
    const card = await get(
      server,
      '/entities/component/default/checkout-api/scorecard',
    );
    expect(card).toMatchObject({
      level: null,
      score: 0,
      nextLevel: {
        level: 'gold',
        blockingGuardrailIds: ['tier1-recent-chaos-test'],
      },
    });
    expect(card.results[0].state).toBe('warning');
  });

  it('keeps roll-ups, heat map, history and the list in step right after one entity is re-evaluated', async () => {
    const server = await refreshed({
      levels: ['bronze', 'silver', 'gold'],
      facts: [chaosSource],
      definitions: [
        {
          id: 'owned-by-team',
          title: 'Owned by a team',
          rationale: { why: 'Someone to page' },
          appliesTo: { kind: ['component'] },
          rule: { fact: 'owner.isTeam', equals: true },
          level: 'bronze',
        },
        { ...chaosGuardrail, enforcedFrom: undefined },
      ],
    });
    const before = await get(server, '/rollups?scope=org');
    expect(before.items[0]).toMatchObject({
      entityCount: 3,
      levelCounts: { bronze: 3 },
    });

    const push = await request(server)
      .post('/api/autonomy/facts')
      .set('Authorization', ci)
      .send({
        entityRef: 'component:default/checkout-api',
        source: 'chaos',
        values: { lastRunAt: new Date().toISOString(), passRate: 0.99 },
      });
    expect(push.status).toBe(200);
    expect(push.body.score).toMatchObject({ level: 'gold', score: 100 });

    // Every view answers from the same state at once, without waiting for the next run.
    const list = await get(server, '/scorecards?level=gold');
    expect(list.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/checkout-api',
    ]);
    const [org] = (await get(server, '/rollups?scope=org')).items;
    expect(org.levelCounts).toMatchObject({ bronze: 2, gold: 1 });
    const teams = (await get(server, '/rollups?scope=team')).items;
    expect(
      teams.find((t: any) => t.ref === 'group:default/checkout').levelCounts,
    ).toMatchObject({ gold: 1 });
    const orgHistory = await get(server, '/history?scope=org');
    expect(orgHistory.points.at(-1)).toMatchObject({
      entityCount: 3,
      levelCounts: { bronze: 2, gold: 1 },
      score: org.averageScore,
    });
    const teamHistory = await get(
      server,
      '/history?scope=team&ref=group:default/checkout',
    );
    expect(teamHistory.points.at(-1).levelCounts).toMatchObject({ gold: 1 });
    const heatmap = await get(server, '/heatmap');
    expect(
      heatmap.cells.find(
        (c: any) =>
          c.ownerRef === 'group:default/checkout' &&
          c.guardrailId === 'tier1-recent-chaos-test',
      ),
    ).toMatchObject({ metShare: 1 });
  });
});
