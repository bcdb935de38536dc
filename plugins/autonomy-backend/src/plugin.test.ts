import { mockCredentials } from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendModule,
  type BackendFeature,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { autonomyFactsExtensionPoint } from '@aligned-autonomy/plugin-autonomy-node';
import request from 'supertest';
import { specCheckedBackend } from './__testUtils__/specCheckedServer';
import { startAutonomyBackend } from './__testUtils__/startAutonomyBackend';
import { entity, mission } from './testUtils/catalogFixtures';
import { SHARD_TASK_ID } from './run/analysisTask';

const entities = [
  entity('Group', 'org', { type: 'organization' }),
  entity('Group', 'commerce', { type: 'department', parent: 'org' }),
  entity('Group', 'checkout', { type: 'team', parent: 'commerce' }),
  entity('Group', 'warehouse', { type: 'team', parent: 'commerce' }),
  mission('north-star', { owner: 'org', title: 'The right gear' }),
  mission('commerce-mission', { owner: 'commerce', parent: 'north-star' }),
  mission('frictionless-checkout', {
    owner: 'checkout',
    parent: 'commerce-mission',
    reviewBy: '2020-01-31',
  }),
  entity('System', 'checkout', {
    owner: 'checkout',
    mission: 'frictionless-checkout',
  }),
  entity('Component', 'checkout-api', {
    owner: 'checkout',
    system: 'checkout',
  }),
  entity('Component', 'typo-service', {
    owner: 'checkout',
    mission: 'frictionles-checkout',
  }),
];

const chaosModule = createBackendModule({
  pluginId: 'autonomy',
  moduleId: 'chaos-facts',
  register(reg) {
    reg.registerInit({
      deps: { facts: autonomyFactsExtensionPoint },
      async init({ facts }) {
        facts.addFactProvider({
          id: 'chaos',
          description: 'Chaos test results',
          getFacts: async () => new Map(),
        });
      },
    });
  },
});

/**
 * The plugin's own scheduler and database client, and the full reads of its stored preview
 * inputs (statements selecting from `autonomy_preview_inputs`) since the last `take`.
 */
function probe() {
  const seen = { scheduler: undefined as SchedulerService | undefined };
  let inputReads = 0;
  const module = createBackendModule({
    pluginId: 'autonomy',
    moduleId: 'probe',
    register(reg) {
      reg.registerInit({
        deps: {
          scheduler: coreServices.scheduler,
          database: coreServices.database,
        },
        async init({ scheduler, database }) {
          seen.scheduler = scheduler;
          (await database.getClient()).on('query', (q: { sql: string }) => {
            // The full read selects `inputs`; a run's comparison reads only the hashes.
            if (
              /^select .*\binputs\b.* from .autonomy_preview_inputs/i.test(
                q.sql,
              )
            )
              inputReads++;
          });
        },
      });
    },
  });
  return {
    module,
    runShardTask: () => seen.scheduler!.triggerTask(SHARD_TASK_ID),
    takeInputReads: () => {
      const n = inputReads;
      inputReads = 0;
      return n;
    },
  };
}

async function start(
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    config?: object;
    features?: BackendFeature[];
  } = {},
) {
  const server = await startAutonomyBackend({
    entities,
    config: options.config,
    permission: options.permission,
    anonymousWithoutToken: true,
    features: [chaosModule, ...(options.features ?? [])],
  });
  return specCheckedBackend(server);
}

const user = mockCredentials.user.header();

describe('autonomy backend plugin', () => {
  it('rejects unauthenticated requests on every route', async () => {
    const server = await start();
    for (const path of [
      '/health',
      '/missions',
      '/missions/stale',
      '/entities/component/default/checkout-api/mission-chain',
    ]) {
      const res = await request(server).get(`/api/autonomy${path}`);
      expect(res.status).toBe(401);
    }
    expect((await request(server).post('/api/autonomy/refresh')).status).toBe(
      401,
    );
  });

  it('answers health with the registered fact providers', async () => {
    const server = await start();
    const res = await request(server)
      .get('/api/autonomy/health')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      factProviders: [{ id: 'chaos', description: 'Chaos test results' }],
    });
  });

  it('says clearly when the catalog has not been analysed yet', async () => {
    const server = await start();
    const res = await request(server)
      .get('/api/autonomy/missions')
      .set('Authorization', user);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/has not been analysed yet/);
  });

  it('analyses the catalog on refresh and serves chains, tree, stale missions and gaps', async () => {
    const server = await start();
    expect(
      (
        await request(server)
          .post('/api/autonomy/refresh')
          .set('Authorization', user)
      ).status,
    ).toBe(202);

    const chain = await request(server)
      .get(
        '/api/autonomy/entities/component/default/checkout-api/mission-chain',
      )
      .set('Authorization', user);
    expect(chain.status).toBe(200);
    expect(chain.body.resolution).toEqual({
      missionRef: 'mission:default/frictionless-checkout',
      via: 'system',
      sourceRef: 'system:default/checkout',
    });
    expect(chain.body.chain.map((m: any) => m.ref)).toEqual([
      'mission:default/frictionless-checkout',
      'mission:default/commerce-mission',
      'mission:default/north-star',
    ]);
    expect(chain.body.chain[0]).toMatchObject({
      stale: true,
      departmentRef: 'group:default/commerce',
    });
    expect(chain.body.chain[2]).toMatchObject({
      title: 'The right gear',
      stale: false,
    });
    expect(Date.parse(chain.body.evaluatedAt)).not.toBeNaN();

    const tree = await request(server)
      .get('/api/autonomy/missions')
      .set('Authorization', user);
    expect(tree.body.rootRefs).toEqual(['mission:default/north-star']);
    expect(tree.body.missions).toHaveLength(3);

    const stale = await request(server)
      .get('/api/autonomy/missions/stale')
      .set('Authorization', user);
    expect(stale.body.items.map((m: any) => m.ref)).toEqual([
      'mission:default/frictionless-checkout',
    ]);

    const teams = await request(server)
      .get('/api/autonomy/missions/teams-without-mission')
      .set('Authorization', user);
    expect(teams.body.items).toEqual([
      { teamRef: 'group:default/warehouse', title: 'warehouse' },
    ]);

    const broken = await request(server)
      .get('/api/autonomy/missions/broken-chains?limit=10')
      .set('Authorization', user);
    expect(broken.body.total).toBe(1);
    expect(broken.body.items[0]).toMatchObject({
      entityRef: 'component:default/typo-service',
      problem: { type: 'missing-mission' },
    });
  });

  it('answers 404 for an entity it does not know and 400 for a bad page', async () => {
    const server = await start();
    await request(server)
      .post('/api/autonomy/refresh')
      .set('Authorization', user);
    const missing = await request(server)
      .get('/api/autonomy/entities/component/default/nope/mission-chain')
      .set('Authorization', user);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/component:default\/nope/);
    for (const query of ['limit=0', 'limit=abc', 'offset=-1', 'limit=501']) {
      const res = await request(server)
        .get(`/api/autonomy/missions/broken-chains?${query}`)
        .set('Authorization', user);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/request\/query\/(limit|offset)/);
    }
  });

  it('answers 403 when the permission policy denies, and changes nothing', async () => {
    const server = await start({ permission: AuthorizeResult.DENY });
    expect(
      (
        await request(server)
          .get('/api/autonomy/missions')
          .set('Authorization', user)
      ).status,
    ).toBe(403);
    expect(
      (
        await request(server)
          .post('/api/autonomy/refresh')
          .set('Authorization', user)
      ).status,
    ).toBe(403);
  });

  describe("a replica's copy of the preview inputs", () => {
    const guardrails = {
      definitions: [
        {
          id: 'owner-is-team',
          title: 'Owned by a team',
          rationale: { why: 'Someone to page' },
          appliesTo: { kind: 'component' },
          rule: { fact: 'owner.isTeam', equals: true },
          level: 'bronze',
        },
      ],
    };
    const candidate = {
      id: 'has-mission',
      title: 'Serves a mission',
      rationale: { why: 'Alignment' },
      appliesTo: { kind: 'component' },
      rule: { fact: 'mission.chainComplete', equals: true },
      level: 'bronze',
    };

    /** Full reads of the inputs by the local task after a run, then by the first preview. */
    async function inputReads(preview?: { keepInputsWarm: boolean }) {
      const probed = probe();
      const server = await start({
        config: { autonomy: { guardrails, preview } },
        features: [probed.module],
      });
      await request(server)
        .post('/api/autonomy/refresh')
        .set('Authorization', user)
        .expect(202);
      probed.takeInputReads();
      await probed.runShardTask();
      const byTask = probed.takeInputReads();
      const res = await request(server)
        .post('/api/autonomy/guardrails/preview')
        .set('Authorization', user)
        .send({ definition: candidate });
      expect(res.status).toBe(200);
      expect(res.body.counts).toMatchObject({
        applicable: 2,
        pass: 1,
        fail: 1,
      });
      return { byTask, byFirstPreview: probed.takeInputReads() };
    }

    it('is made by the local task as soon as a run stored the inputs, so the first preview reads none', async () => {
      expect(await inputReads()).toEqual({ byTask: 1, byFirstPreview: 0 });
    });

    it('is made by the first preview with autonomy.preview.keepInputsWarm false', async () => {
      expect(await inputReads({ keepInputsWarm: false })).toEqual({
        byTask: 0,
        byFirstPreview: 1,
      });
    });
  });
});
