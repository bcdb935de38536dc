import { readGuardrailAnnotations } from './teamAnnotations';

describe('readGuardrailAnnotations', () => {
  it('reads opt-outs with their reason and tightenings as fact, operator and number', () => {
    expect(
      readGuardrailAnnotations({
        'aligned-autonomy.io/opt-out.api-has-docs':
          'Internal APIs only; documented in the shared wiki.',
        'aligned-autonomy.io/tighten.tier1-recent-chaos-test':
          'chaos.passRate greaterThanOrEqual 0.99',
        'backstage.io/techdocs-ref': 'dir:.',
      }),
    ).toEqual({
      optOuts: [
        {
          guardrailId: 'api-has-docs',
          reason: 'Internal APIs only; documented in the shared wiki.',
          annotation: 'aligned-autonomy.io/opt-out.api-has-docs',
        },
      ],
      tightenings: [
        {
          guardrailId: 'tier1-recent-chaos-test',
          fact: 'chaos.passRate',
          operator: 'greaterThanOrEqual',
          value: 0.99,
          annotation: 'aligned-autonomy.io/tighten.tier1-recent-chaos-test',
        },
      ],
      problems: [],
    });
  });

  it('names the annotation of every malformed value', () => {
    const { problems, optOuts, tightenings } = readGuardrailAnnotations({
      'aligned-autonomy.io/opt-out.api-has-docs': 'nah',
      'aligned-autonomy.io/opt-out.Bad_Id': 'A reason long enough.',
      'aligned-autonomy.io/tighten.tier1-has-slo': 'slo equals 99.9',
    });
    expect(optOuts).toEqual([]);
    expect(tightenings).toEqual([]);
    expect(problems).toEqual([
      'aligned-autonomy.io/opt-out.api-has-docs: an opt-out needs its reason in words (at least 10 characters)',
      'aligned-autonomy.io/opt-out.Bad_Id: "Bad_Id" is not a guardrail id (lower-case letters, digits and dashes)',
      expect.stringMatching(
        /^aligned-autonomy\.io\/tighten\.tier1-has-slo: must be "<fact> <operator> <number>"/,
      ),
    ]);
  });
});
