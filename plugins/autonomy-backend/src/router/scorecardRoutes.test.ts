import request from 'supertest';
import { evaluatedAt, score, scorecard } from '../testUtils/apiFixtures';
import { serveRoutes, statusesOf } from './__testUtils__/serveRoutes';

describe('scorecardRoutes', () => {
  const reads = {
    getGuardrails: jest.fn(async () => ({
      levels: ['bronze', 'silver'],
      guardrails: [
        {
          id: 'has-runbook',
          title: 'Has a runbook',
          rationale: { why: 'Someone will need it at 3 am' },
          appliesTo: { kind: ['component'] },
          rule: { fact: 'runbook', exists: true },
          level: 'silver',
          weight: 1,
          mode: 'enforced' as const,
        },
      ],
    })),
    getScorecard: jest.fn(async (ref: string) => scorecard(ref)),
    listScores: jest.fn(async () => ({
      items: [{ ...score(), trend: [{ day: '2026-11-25', score: null }] }],
      total: 1,
      evaluatedAt,
    })),
    exportCsv: jest.fn(async function* exportCsv() {
      yield 'entityRef,score\n';
      yield 'component:default/a,50\n';
    }),
    heatmap: jest.fn(async () => ({
      teams: ['group:default/one'],
      guardrails: [
        { id: 'has-runbook', title: 'Has a runbook', level: 'silver' },
      ],
      cells: [
        {
          ownerRef: 'group:default/one',
          guardrailId: 'has-runbook',
          counts: { fail: 1 },
          total: 1,
          metShare: 0,
        },
      ],
      evaluatedAt,
    })),
    rollups: jest.fn(async () => ({
      items: [
        {
          ref: 'group:default/one',
          entityCount: 1,
          averageScore: 50,
          levelCounts: { bronze: 1, silver: 0, none: 0 },
          stateCounts: score().counts,
        },
      ],
      total: 1,
      evaluatedAt,
    })),
    history: jest.fn(async (query: { scope: any; ref?: string }) => ({
      scope: query.scope,
      ref: query.ref ?? 'org',
      points: [],
    })),
  };
  const commands = {
    reevaluateEntity: jest.fn(async (ref: string) => scorecard(ref)),
  };

  it('answers every guardrail read in the shape of the spec', async () => {
    const server = await serveRoutes({
      guardrailReads: reads,
      guardrailCommands: commands,
    });
    const paths = [
      '/guardrails',
      '/entities/component/default/a/scorecard',
      '/scorecards?trendDays=7',
      '/heatmap',
      '/rollups?scope=team',
      '/history?scope=org',
    ];
    expect(await statusesOf(server, paths)).toEqual(
      paths.map(path => [path, 200]),
    );
    await request(server)
      .post('/entities/component/default/a/evaluate')
      .expect(200);
    expect(commands.reevaluateEntity).toHaveBeenCalledWith(
      'component:default/a',
    );
    expect(reads.rollups).toHaveBeenCalledWith(
      expect.objectContaining({ scope: 'team' }),
    );
  });

  it('passes the filters on as validated: lists, numbers, the search text', async () => {
    const server = await serveRoutes({ guardrailReads: reads });
    await request(server)
      .get(
        '/scorecards?ownerRef=group:default/one&ownerRef=group:default/two&state=fail&q=pay&limit=5&orderBy=score&order=desc',
      )
      .expect(200);
    expect(reads.listScores).toHaveBeenLastCalledWith(
      expect.objectContaining({
        ownerRef: ['group:default/one', 'group:default/two'],
        state: ['fail'],
        q: 'pay',
        limit: 5,
        orderBy: 'score',
        order: 'desc',
      }),
    );
  });

  it('refuses filters the spec does not allow, naming them', async () => {
    const server = await serveRoutes({ guardrailReads: reads });
    for (const [query, problem] of [
      ['state=broken', /^request\/query\/state\/0 must be equal to one of/],
      ['trendDays=91', /^request\/query\/trendDays must be <= 90/],
      ['orderBy=owner', /^request\/query\/orderBy must be equal to one of/],
      // Not a guardrail id: `*` names every guardrail in the stored state tokens.
      ['guardrailId=%2A', /^request\/query\/guardrailId must match pattern/],
      ['guardrailId=RUNBOOK', /^request\/query\/guardrailId must match/],
      [
        `q=${'x'.repeat(201)}`,
        /^request\/query\/q must NOT have more than 200/,
      ],
      ['colour=red', /colour/],
    ] as const) {
      const res = await request(server).get(`/scorecards?${query}`);
      expect([query, res.status, res.body.error.message]).toEqual([
        query,
        400,
        expect.stringMatching(problem),
      ]);
    }
  });

  it('normalizes the history ref and refuses one that is not a ref', async () => {
    const server = await serveRoutes({ guardrailReads: reads });
    await request(server)
      .get('/history?scope=entity&ref=component:a&days=30')
      .expect(200);
    expect(reads.history).toHaveBeenLastCalledWith({
      scope: 'entity',
      ref: 'component:default/a',
      days: 30,
    });
    const res = await request(server).get('/history?scope=team&ref=:');
    expect([res.status, res.body.error.message]).toEqual([
      400,
      expect.stringMatching(/^ref ":" is not an entity reference/),
    ]);
    await request(server).get('/history?scope=org&days=731').expect(400);
  });

  it('exports CSV with the filters', async () => {
    // The spec-checking proxy reads JSON only, so the CSV is checked here directly.
    const server = await serveRoutes(
      { guardrailReads: reads },
      { specChecked: false },
    );
    const res = await request(server)
      .get('/scorecards/export?kind=component')
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.text).toBe('entityRef,score\ncomponent:default/a,50\n');
    expect(reads.exportCsv).toHaveBeenCalledWith(
      expect.objectContaining({ kind: ['component'] }),
    );
  });
});
