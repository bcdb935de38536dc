import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { InputError } from '@backstage/errors';
import request from 'supertest';
import { serveRoutes } from './__testUtils__/serveRoutes';

const counts = {
  applicable: 2,
  pass: 1,
  fail: 1,
  warning: 0,
  exempt: 0,
  unknown: 0,
  error: 0,
};
const impact = {
  guardrail: {
    id: 'coverage',
    title: 'Coverage',
    rationale: { why: 'Tests' },
    appliesTo: {},
    rule: { fact: 'ci.coverage', greaterThanOrEqual: 60 },
    level: 'silver',
    weight: 1,
    mode: 'enforced' as const,
  },
  change: 'new' as const,
  entityCount: 3,
  counts,
  byTeam: [{ key: 'group:default/red', counts }],
  byLevel: [{ key: 'bronze', counts }],
  failing: [
    {
      entityRef: 'component:default/b',
      title: 'b',
      result: {
        guardrailId: 'coverage',
        state: 'fail' as const,
        message: 'ci.coverage is 50, not at least 60',
        facts: [{ id: 'ci.coverage', value: 50, source: 'pushed' as const }],
      },
    },
  ],
  levelMoves: [
    {
      teamRef: 'group:default/red',
      up: 0,
      down: 1,
      entities: [
        {
          entityRef: 'component:default/b',
          title: 'b',
          from: 'silver',
          to: 'bronze',
        },
      ],
    },
  ],
  evaluatedAt: '2026-11-26T12:00:00.000Z',
};

describe('previewRoutes', () => {
  const preview = jest.fn(async (definition: unknown) => {
    if (typeof definition === 'string' && definition.includes('greaterThen'))
      throw new InputError(
        'Invalid guardrail definition at definition.rule.greaterThen (guardrail "coverage"): unknown operator "greaterThen"',
      );
    return impact;
  });
  beforeEach(() => preview.mockClear());

  it('answers the impact of a definition sent as text or as an object', async () => {
    const server = await serveRoutes({ guardrailPreview: { preview } });
    const text =
      'id: coverage\nrule: { fact: ci.coverage, greaterThanOrEqual: 60 }';
    const res = await request(server)
      .post('/guardrails/preview')
      .send({ definition: text })
      .expect(200);
    expect(res.body).toEqual(impact);
    expect(preview).toHaveBeenCalledWith(text);
    await request(server)
      .post('/guardrails/preview')
      .send({ definition: { id: 'coverage' } })
      .expect(200);
    expect(preview).toHaveBeenLastCalledWith({ id: 'coverage' });
  });

  it('names the field of a bad definition or request in a 400', async () => {
    const server = await serveRoutes(
      { guardrailPreview: { preview } },
      { specChecked: false },
    );
    const bad = await request(server)
      .post('/guardrails/preview')
      .send({ definition: 'rule: { fact: x, greaterThen: 1 }' });
    expect([bad.status, bad.body.error.message]).toEqual([
      400,
      expect.stringContaining('definition.rule.greaterThen'),
    ]);
    const missing = await request(server).post('/guardrails/preview').send({});
    expect([missing.status, missing.body.error.message]).toEqual([
      400,
      expect.stringContaining('definition'),
    ]);
    const extra = await request(server)
      .post('/guardrails/preview')
      .send({ definition: 'id: x', colour: 'red' });
    expect([extra.status, extra.body.error.message]).toEqual([
      400,
      expect.stringContaining('colour'),
    ]);
  });

  it('is for those allowed autonomy.guardrail.preview', async () => {
    const server = await serveRoutes(
      { guardrailPreview: { preview } },
      { permission: AuthorizeResult.DENY },
    );
    const res = await request(server)
      .post('/guardrails/preview')
      .send({ definition: 'id: x' });
    expect([res.status, res.body.error.message]).toEqual([
      403,
      'Not allowed: autonomy.guardrail.preview',
    ]);
    expect(preview).not.toHaveBeenCalled();
  });
});
