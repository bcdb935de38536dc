import { guardrailDef } from '../../testUtils/guardrailFixtures';
import { scorecardHalves, tallyCells, teamHalves } from './halves';

const definitions = new Map(
  [
    guardrailDef('org-a', { fact: 'x', exists: true }, { type: 'required' }),
    guardrailDef(
      'org-b',
      { fact: 'x', exists: true },
      { type: 'recommended', weight: 3 },
    ),
    guardrailDef('own-a', { fact: 'x', exists: true }, { type: 'team' }),
    guardrailDef('own-b', { fact: 'x', exists: true }, { type: 'team' }),
  ].map(d => [d.id, d]),
);

describe('halves', () => {
  it('splits a scorecard into the organisation guardrails met and the team standards met', () => {
    expect(
      scorecardHalves(
        [
          { guardrailId: 'org-a', state: 'pass', facts: [] },
          { guardrailId: 'org-b', state: 'fail', facts: [] },
          { guardrailId: 'own-a', state: 'exempt', facts: [] },
          { guardrailId: 'own-b', state: 'not-applicable', facts: [] },
        ],
        definitions,
      ),
    ).toEqual({
      aligned: { guardrailCount: 2, metCount: 1, score: 25, optedOutCount: 0 },
      autonomous: {
        guardrailCount: 1,
        metCount: 1,
        score: 100,
        optedOutCount: 0,
      },
    });
  });

  it('counts opt-outs apart, in no score', () => {
    const halves = scorecardHalves(
      [
        { guardrailId: 'org-a', state: 'pass', facts: [] },
        {
          guardrailId: 'org-b',
          state: 'not-applicable',
          facts: [],
          optOut: {
            guardrailId: 'org-b',
            teamRef: 'group:default/t',
            declaredOn: 'group:default/t',
            reason: 'A reason in words.',
            since: '2026-11-20T00:00:00.000Z',
          },
        },
      ],
      definitions,
    );
    expect(halves.aligned).toEqual({
      guardrailCount: 1,
      metCount: 1,
      score: 100,
      optedOutCount: 1,
    });
    expect(halves.autonomous.score).toBeNull();
  });

  it("a team's halves over what it owns, from its heat-map cells", () => {
    expect(
      teamHalves(
        [
          { guardrailId: 'org-a', state: 'pass', count: 3 },
          { guardrailId: 'org-a', state: 'fail', count: 1 },
          { guardrailId: 'own-a', state: 'pass', count: 2 },
          { guardrailId: 'gone', state: 'fail', count: 9 },
        ],
        definitions,
      ),
    ).toEqual({
      aligned: {
        guardrailCount: 1,
        resultCount: 4,
        metCount: 3,
        metShare: 0.75,
      },
      autonomous: {
        guardrailCount: 1,
        resultCount: 2,
        metCount: 2,
        metShare: 1,
      },
    });
  });

  it('tallies a team’s cells per guardrail: results and those met, opted-out and empty cells left out', () => {
    expect(
      tallyCells([
        { guardrailId: 'org-a', state: 'pass', count: 3 },
        { guardrailId: 'org-a', state: 'fail', count: 1 },
        { guardrailId: 'org-a', state: 'exempt', count: 2 },
        { guardrailId: 'org-a', state: 'not-applicable', count: 5 },
        { guardrailId: 'own-a', state: 'unknown', count: 2 },
        { guardrailId: 'own-b', state: 'pass', count: 0 },
      ]),
    ).toEqual({ 'org-a': [6, 5], 'own-a': [2, 0] });
  });
});
