import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { evaluatedAt, score } from '../testUtils/apiFixtures';
import { guardrailDef } from '../testUtils/guardrailFixtures';
import { serveRoutes, statusesOf } from './__testUtils__/serveRoutes';

describe('guardrailRoutes', () => {
  const guardrail = guardrailDef(
    'has-docs',
    { fact: 'entity.annotations.backstage.io/techdocs-ref', exists: true },
    {
      type: 'recommended',
      source: 'catalog',
      ownerRef: 'group:default/platform',
      entityRef: 'guardrail:default/has-docs',
    },
  );
  const optOut = {
    guardrailId: 'has-docs',
    teamRef: 'group:default/checkout',
    declaredOn: 'group:default/checkout',
    reason: 'Documented in the API portal.',
    since: evaluatedAt,
  };
  const half = {
    guardrailCount: 1,
    resultCount: 2,
    metCount: 1,
    metShare: 0.5,
  };
  const records = {
    getGuardrail: jest.fn(async () => ({
      guardrail,
      overall: { counts: { pass: 1, fail: 1 }, total: 2, metShare: 0.5 },
      teams: [
        {
          ownerRef: 'group:default/payments',
          counts: { pass: 1, fail: 1 },
          total: 2,
          metShare: 0.5,
        },
      ],
      history: [{ day: '2026-11-25', total: 2, met: 1, metShare: 0.5 }],
      exemptions: [],
      optOuts: [optOut],
      tightenings: [],
      problems: [],
      evaluatedAt,
    })),
    failing: jest.fn(async () => ({ items: [score()], total: 1, evaluatedAt })),
    getTeamGuardrails: jest.fn(async (teamRef: string) => ({
      teamRef,
      aligned: half,
      autonomous: half,
      standards: [],
      optOuts: [optOut],
      tightenings: [],
      evaluatedAt,
    })),
  };

  it("answers a guardrail's page, its failing entities and a team's halves in the shape of the spec", async () => {
    const server = await serveRoutes({ guardrailRecords: records });
    expect(
      (await request(server).get('/guardrails/has-docs?days=30').expect(200))
        .body.optOuts,
    ).toEqual([optOut]);
    expect(records.getGuardrail).toHaveBeenCalledWith('has-docs', 30);
    await request(server)
      .get('/guardrails/has-docs/failing?limit=10&offset=5')
      .expect(200);
    expect(records.failing).toHaveBeenCalledWith(
      'has-docs',
      expect.objectContaining({ limit: 10, offset: 5 }),
    );
    const team = await request(server)
      .get('/teams/default/Checkout/guardrails')
      .expect(200);
    expect(team.body.teamRef).toBe('group:default/checkout');
  });

  it('refuses a malformed id or page naming it, and answers 403 when the policy denies', async () => {
    const server = await serveRoutes({ guardrailRecords: records });
    const bad = await request(server).get('/guardrails/Not_An_Id').expect(400);
    expect(bad.body.error.message).toMatch(/id/);
    const page = await request(server)
      .get('/guardrails/has-docs/failing?limit=0')
      .expect(400);
    expect(page.body.error.message).toMatch(/limit/);
    const denied = await serveRoutes(
      { guardrailRecords: records },
      { permission: AuthorizeResult.DENY },
    );
    expect(
      await statusesOf(denied, [
        '/guardrails/has-docs',
        '/guardrails/has-docs/failing',
        '/teams/default/checkout/guardrails',
      ]),
    ).toEqual([
      ['/guardrails/has-docs', 403],
      ['/guardrails/has-docs/failing', 403],
      ['/teams/default/checkout/guardrails', 403],
    ]);
  });
});
