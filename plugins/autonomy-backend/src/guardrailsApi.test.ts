import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { specCheckedBackend } from './__testUtils__/specCheckedServer';
import { startAutonomyBackend } from './__testUtils__/startAutonomyBackend';
import { entity, mission } from './testUtils/catalogFixtures';

const entities = [
  entity('Group', 'org', { type: 'organization' }),
  entity('Group', 'checkout', { type: 'team', parent: 'org' }),
  mission('north-star', { owner: 'org' }),
  {
    ...entity('Component', 'checkout-api', {
      type: 'service',
      owner: 'checkout',
      mission: 'north-star',
    }),
    spec: { type: 'service', owner: 'checkout', lifecycle: 'production' },
  },
  {
    ...entity('Component', 'gift-cards', {
      type: 'service',
      owner: 'user:default/maya',
    }),
    spec: {
      type: 'service',
      owner: 'user:default/maya',
      lifecycle: 'production',
    },
  },
];

const guardrails = {
  levels: ['bronze', 'silver'],
  exemptions: { maxDays: 30 },
  facts: [
    {
      id: 'chaos',
      maxAgeDays: 30,
      fields: { lastRunAt: 'datetime', passRate: 'number' },
    },
  ],
  definitions: [
    {
      id: 'owner-is-team',
      title: 'Owned by a team',
      rationale: { why: 'Someone to page' },
      appliesTo: { kind: 'component' },
      rule: { fact: 'owner.isTeam', equals: true },
      level: 'bronze',
    },
    {
      id: 'has-mission',
      title: 'Serves a mission',
      rationale: { why: 'Alignment' },
      appliesTo: { kind: 'component' },
      rule: { fact: 'mission.chainComplete', equals: true },
      level: 'bronze',
    },
    {
      id: 'chaos-tested',
      title: 'Chaos tested',
      rationale: { why: 'Failover is known only when tested' },
      appliesTo: { kind: 'component' },
      rule: {
        all: [
          { fact: 'chaos.lastRunAt', newerThanDays: 30 },
          { fact: 'chaos.passRate', greaterThanOrEqual: 0.95 },
        ],
      },
      level: 'silver',
    },
  ],
};

async function start(
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    config?: object;
  } = {},
) {
  const server = await startAutonomyBackend({
    entities,
    config: { autonomy: { guardrails, ...options.config } },
    permission: options.permission,
    anonymousWithoutToken: true,
  });
  return specCheckedBackend(server);
}

const user = mockCredentials.user.header('user:default/maya');
const ci = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('external:ci-fact-push'),
  targetPluginId: 'autonomy',
});
const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString();

async function evaluated(options?: Parameters<typeof start>[0]) {
  const server = await start(options);
  await request(server)
    .post('/api/autonomy/refresh')
    .set('Authorization', user)
    .expect(202);
  return server;
}

const exemptionsOf = async (server: any) =>
  (
    await request(server)
      .get('/api/autonomy/exemptions')
      .set('Authorization', user)
  ).body.items;

const scorecard = async (server: any, name: string) =>
  (
    await request(server)
      .get(`/api/autonomy/entities/component/default/${name}/scorecard`)
      .set('Authorization', user)
  ).body;

// Each test starts a backend and most run an analysis: room for a busy machine.
jest.setTimeout(60_000);

describe('guardrails API', () => {
  it('stops start-up on an invalid guardrail definition, naming the config key', async () => {
    const bad = {
      ...guardrails,
      definitions: [
        {
          ...guardrails.definitions[0],
          rule: { fact: 'owner.isTeam', equalz: true },
        },
      ],
    };
    await expect(start({ config: { guardrails: bad } })).rejects.toThrow(
      /autonomy\.guardrails\.definitions\[0\]\.rule\.equalz.*unknown operator "equalz"/,
    );
  });

  it('serves the definitions, and the OpenAPI spec it validates against', async () => {
    const server = await start();
    const res = await request(server)
      .get('/api/autonomy/guardrails')
      .set('Authorization', user)
      .expect(200);
    expect(res.body.levels).toEqual(['bronze', 'silver']);
    expect(res.body.guardrails.map((g: any) => g.id)).toEqual([
      'owner-is-team',
      'has-mission',
      'chaos-tested',
    ]);
    const spec = await request(server.unchecked)
      .get('/api/autonomy/openapi.json')
      .set('Authorization', user)
      .expect(200);
    expect(Object.keys(spec.body.paths)).toContain(
      '/api/autonomy/entities/{kind}/{namespace}/{name}/scorecard',
    );
  });

  it('evaluates on refresh: level, score, states with reasons, facts and trend', async () => {
    const server = await evaluated();
    const card = await scorecard(server, 'checkout-api');
    expect(card).toMatchObject({
      level: 'bronze',
      score: 66.7,
      nextLevel: { level: 'silver', blockingGuardrailIds: ['chaos-tested'] },
    });
    expect(card.results.map((r: any) => [r.guardrailId, r.state])).toEqual([
      ['owner-is-team', 'pass'],
      ['has-mission', 'pass'],
      ['chaos-tested', 'unknown'],
    ]);
    expect(card.results[2].message).toMatch(/chaos\.lastRunAt is unknown/);
    expect(card.results[0].facts).toEqual([
      { id: 'owner.isTeam', value: true, source: 'catalog' },
    ]);
    expect(card.trend).toHaveLength(1);

    const gifts = await scorecard(server, 'gift-cards');
    expect(gifts.level).toBeNull();
    expect(gifts.results[0]).toMatchObject({
      state: 'fail',
      message: expect.stringMatching(
        /expected owner\.isTeam to equal true, but it is false/,
      ),
    });

    const notFound = await request(server)
      .get('/api/autonomy/entities/component/default/ghost/scorecard')
      .set('Authorization', user);
    expect(notFound.status).toBe(404);
  });

  it('accepts pushed facts from CI, re-evaluates the entity, and rejects bad payloads without storing them', async () => {
    const server = await evaluated();
    const push = (
      body: unknown,
      target: Parameters<typeof request>[0] = server,
    ) =>
      request(target)
        .post('/api/autonomy/facts')
        .set('Authorization', ci)
        .send(body as object);

    const good = await push({
      entityRef: 'component:default/checkout-api',
      source: 'chaos',
      values: { lastRunAt: inDays(-1), passRate: 0.99 },
    });
    expect(good.status).toBe(200);
    expect(good.body.score).toMatchObject({ level: 'silver', score: 100 });

    const rejected: [unknown, number, RegExp][] = [
      [
        {
          entityRef: 'component:default/checkout-api',
          source: 'chaos',
          values: { passRate: 'high' },
        },
        400,
        /values\.passRate must be a number/,
      ],
      [
        {
          entityRef: 'component:default/checkout-api',
          source: 'ci',
          values: { ok: true },
        },
        400,
        /source "ci" is not declared/,
      ],
      [
        {
          entityRef: 'component:default/checkout-api',
          source: 'chaos',
          values: { colour: 'red' },
        },
        400,
        /values\.colour is not a field of source "chaos"/,
      ],
      [
        { entityRef: 'component:default/checkout-api', source: 'chaos' },
        400,
        /must have required property 'values'/,
      ],
      [
        {
          entityRef: 'component:default/ghost',
          source: 'chaos',
          values: { passRate: 1 },
        },
        404,
        /component:default\/ghost is not in the catalog/,
      ],
      [
        {
          entityRef: 'component:default/checkout-api',
          source: 'chaos',
          values: { passRate: 0.1, lastRunAt: 'x'.repeat(70_000) },
        },
        413,
        /larger than the 64kb limit/,
      ],
    ];
    for (const [body, status, message] of rejected) {
      // An oversized body breaks the spec on purpose: the proxy would refuse to pass it on.
      const res = await push(body, status === 413 ? server.unchecked : server);
      expect([res.status, res.body.error?.message]).toEqual([
        status,
        expect.stringMatching(message),
      ]);
    }
    const notJson = await request(server)
      .post('/api/autonomy/facts')
      .set('Authorization', ci)
      .set('Content-Type', 'application/json')
      .send('{nope');
    expect([notJson.status, notJson.body.error.message]).toEqual([
      400,
      expect.stringMatching(/not valid JSON/),
    ]);

    // Nothing of the rejected pushes was stored: the entity is still silver on the good facts.
    expect((await scorecard(server, 'checkout-api')).level).toBe('silver');
    const unauthenticated = await request(server)
      .post('/api/autonomy/facts')
      .send({
        entityRef: 'component:default/checkout-api',
        source: 'chaos',
        values: { passRate: 0 },
      });
    expect(unauthenticated.status).toBe(401);
  });

  it('keeps the newer observation when pushes arrive out of order', async () => {
    const server = await evaluated();
    const push = (observedAt: string, passRate: number) =>
      request(server)
        .post('/api/autonomy/facts')
        .set('Authorization', ci)
        .send({
          entityRef: 'component:default/checkout-api',
          source: 'chaos',
          observedAt,
          values: { lastRunAt: observedAt, passRate },
        });
    expect((await push(inDays(-1), 0.99)).body.stored).toBe(true);
    const late = await push(inDays(-3), 0.2);
    expect([late.status, late.body.stored]).toEqual([200, false]);
    const chaos = (await scorecard(server, 'checkout-api')).results.find(
      (r: any) => r.guardrailId === 'chaos-tested',
    );
    expect(chaos.state).toBe('pass');
  });

  it('treats stale pushed facts as unknown', async () => {
    const server = await evaluated();
    await request(server)
      .post('/api/autonomy/facts')
      .set('Authorization', ci)
      .send({
        entityRef: 'component:default/checkout-api',
        source: 'chaos',
        observedAt: inDays(-45),
        values: { lastRunAt: inDays(-45), passRate: 1 },
      })
      .expect(200);
    const result = (await scorecard(server, 'checkout-api')).results.find(
      (r: any) => r.guardrailId === 'chaos-tested',
    );
    expect(result.state).toBe('unknown');
    expect(result.facts[0]).toMatchObject({
      id: 'chaos.lastRunAt',
      unknown: true,
      source: 'pushed',
    });
  });

  it('creates exemptions that change the state, rejects bad ones, and revokes keeping the record', async () => {
    const server = await evaluated();
    const create = (body: object) =>
      request(server)
        .post('/api/autonomy/exemptions')
        .set('Authorization', user)
        .send(body);
    const base = {
      entityRef: 'component:default/gift-cards',
      guardrailId: 'owner-is-team',
      reason: 'Handing over to checkout',
    };

    expect(
      (await create({ ...base, expiresAt: inDays(45) })).body.error.message,
    ).toMatch(/more than 30 days ahead/);
    expect(
      (await create({ ...base, expiresAt: inDays(-1) })).body.error.message,
    ).toMatch(/must be in the future/);
    expect(
      (await create({ ...base, guardrailId: 'nope', expiresAt: inDays(5) }))
        .body.error.message,
    ).toMatch(/not a configured guardrail/);
    expect(
      (
        await create({
          ...base,
          entityRef: 'component:default/ghost',
          expiresAt: inDays(5),
        })
      ).status,
    ).toBe(404);
    expect(await exemptionsOf(server)).toEqual([]);

    const created = await create({
      ...base,
      expiresAt: inDays(10),
      decisionRecordUrl: 'https://adr.example.com/42',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'active',
      createdBy: 'user:default/maya',
    });
    expect((await create({ ...base, expiresAt: inDays(5) })).status).toBe(409);
    expect((await scorecard(server, 'gift-cards')).results[0]).toMatchObject({
      state: 'exempt',
      exemptionId: created.body.id,
    });

    const revoke = await request(server)
      .post(`/api/autonomy/exemptions/${created.body.id}/revoke`)
      .set('Authorization', user)
      .send({ reason: 'Handed over' });
    expect(revoke.body).toMatchObject({
      status: 'revoked',
      revokedBy: 'user:default/maya',
      revokeReason: 'Handed over',
    });
    expect((await scorecard(server, 'gift-cards')).results[0].state).toBe(
      'fail',
    );
    const listed = await request(server)
      .get('/api/autonomy/exemptions?guardrailId=owner-is-team&status=revoked')
      .set('Authorization', user);
    expect(listed.body.items.map((e: any) => e.id)).toEqual([created.body.id]);
  });

  it('refuses exemptions with an impossible expiry, from a guardrail that does not apply, or with a non-web decision record; a second one names the first', async () => {
    const server = await evaluated({
      config: {
        guardrails: {
          ...guardrails,
          definitions: [
            ...guardrails.definitions,
            {
              id: 'api-has-sla',
              title: 'APIs declare an SLA',
              rationale: { why: 'Consumers plan on it' },
              appliesTo: { kind: 'api' },
              rule: { fact: 'entity.annotations.sla', exists: true },
              level: 'bronze',
            },
          ],
        },
      },
    });
    const create = (body: object) =>
      request(server)
        .post('/api/autonomy/exemptions')
        .set('Authorization', user)
        .send({
          entityRef: 'component:default/gift-cards',
          guardrailId: 'owner-is-team',
          reason: 'Handing over to checkout',
          expiresAt: inDays(5),
          ...body,
        });
    const nextYear = new Date().getUTCFullYear() + 1;
    const refused = [
      [
        { expiresAt: `${nextYear}-11-31T10:00:00Z` },
        /expiresAt ".*-11-31T10:00:00Z" is not an ISO 8601 timestamp/,
      ],
      [
        { expiresAt: `${nextYear}-02-30T10:00:00Z` },
        /expiresAt ".*-02-30T10:00:00Z" is not an ISO 8601 timestamp/,
      ],
      [
        { guardrailId: 'api-has-sla' },
        /guardrail "api-has-sla" does not apply to component:default\/gift-cards/,
      ],
      [
        // eslint-disable-next-line no-script-url -- the unsafe input under test
        { decisionRecordUrl: 'javascript:alert(document.cookie)' },
        // eslint-disable-next-line no-script-url -- the unsafe input under test
        /decisionRecordUrl "javascript:alert\(document.cookie\)" is not an http or https address/,
      ],
    ] as const;
    for (const [body, message] of refused) {
      const res = await create(body);
      expect([res.status, res.body.error?.message]).toEqual([
        400,
        expect.stringMatching(message),
      ]);
    }
    expect(await exemptionsOf(server)).toEqual([]);

    const first = await create({});
    expect(first.status).toBe(201);
    const second = await create({ expiresAt: inDays(3) });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain(first.body.id);
  });

  it('lists, rolls up and charts on the server', async () => {
    const server = await evaluated();
    const list = await request(server)
      .get('/api/autonomy/scorecards?orderBy=score&order=desc')
      .set('Authorization', user);
    expect(list.body.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/checkout-api',
      'component:default/gift-cards',
    ]);
    const failing = await request(server)
      .get('/api/autonomy/scorecards?guardrailId=owner-is-team&state=fail')
      .set('Authorization', user);
    expect(failing.body.total).toBe(1);
    const teams = await request(server)
      .get('/api/autonomy/rollups?scope=team')
      .set('Authorization', user);
    expect(teams.body.items.map((t: any) => t.ref)).toEqual([
      'group:default/checkout',
      'user:default/maya',
    ]);
    const org = await request(server)
      .get('/api/autonomy/history?scope=org')
      .set('Authorization', user);
    expect(org.body.points[0]).toMatchObject({ entityCount: 2 });
    expect(
      (
        await request(server)
          .get('/api/autonomy/rollups?scope=planet')
          .set('Authorization', user)
      ).status,
    ).toBe(400);
  });

  it('refuses reads and writes the policy denies', async () => {
    const server = await start({ permission: AuthorizeResult.DENY });
    const exemption = await request(server)
      .post('/api/autonomy/exemptions')
      .set('Authorization', user)
      .send({
        entityRef: 'component:default/gift-cards',
        guardrailId: 'owner-is-team',
        reason: 'Please',
        expiresAt: inDays(5),
      });
    expect(exemption.status).toBe(403);
    const push = await request(server)
      .post('/api/autonomy/facts')
      .set('Authorization', ci)
      .send({
        entityRef: 'component:default/checkout-api',
        source: 'chaos',
        values: { passRate: 1 },
      });
    expect(push.status).toBe(403);
    expect(
      (
        await request(server)
          .get('/api/autonomy/guardrails')
          .set('Authorization', user)
      ).status,
    ).toBe(403);
  });

  it('accepts exemptions only from users: a service principal is refused', async () => {
    const server = await evaluated();
    const res = await request(server)
      .post('/api/autonomy/exemptions')
      .set('Authorization', ci)
      .send({
        entityRef: 'component:default/gift-cards',
        guardrailId: 'owner-is-team',
        reason: 'Automation',
        expiresAt: inDays(5),
      });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/service/i);
  });

  it('exports the filtered list as CSV, pages rows with trends, and maps teams × guardrails', async () => {
    const server = await evaluated();
    const csv = await request(server.unchecked)
      .get('/api/autonomy/scorecards/export?orderBy=score&order=desc')
      .set('Authorization', user);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toMatch(/^entity,title,kind,owner/);
    expect(lines.slice(1).map(l => l.split(',')[0])).toEqual([
      'component:default/checkout-api',
      'component:default/gift-cards',
    ]);
    const filtered = await request(server.unchecked)
      .get(
        '/api/autonomy/scorecards/export?guardrailId=owner-is-team&state=fail',
      )
      .set('Authorization', user);
    expect(filtered.text.trim().split('\n')).toHaveLength(2);

    const page = await request(server)
      .get('/api/autonomy/scorecards?trendDays=30')
      .set('Authorization', user);
    expect(page.body.items[0].trend).toEqual([
      expect.objectContaining({ score: expect.any(Number) }),
    ]);

    const heat = await request(server)
      .get('/api/autonomy/heatmap')
      .set('Authorization', user);
    expect(heat.body.teams).toEqual([
      'group:default/checkout',
      'user:default/maya',
    ]);
    const cell = heat.body.cells.find(
      (c: any) =>
        c.ownerRef === 'user:default/maya' && c.guardrailId === 'owner-is-team',
    );
    expect(cell).toMatchObject({ counts: { fail: 1 }, total: 1, metShare: 0 });
  });
});
