import { tightenRule } from './tightenRule';

const rule = {
  all: [
    { fact: 'chaos.lastRunAt', newerThanDays: 30 },
    { fact: 'chaos.passRate', greaterThanOrEqual: 0.95 },
  ],
};

describe('tightenRule', () => {
  it('raises a threshold: the condition compares with the team number', () => {
    expect(
      tightenRule(rule, {
        fact: 'chaos.passRate',
        operator: 'greaterThanOrEqual',
        value: 0.99,
      }),
    ).toEqual({
      rule: {
        all: [
          { fact: 'chaos.lastRunAt', newerThanDays: 30 },
          { fact: 'chaos.passRate', greaterThanOrEqual: 0.99 },
        ],
      },
    });
    // Fewer days is stricter for newerThanDays.
    expect(
      tightenRule(rule, {
        fact: 'chaos.lastRunAt',
        operator: 'newerThanDays',
        value: 7,
      }),
    ).toMatchObject({ rule: { all: [{ newerThanDays: 7 }, {}] } });
  });

  it('never loosens: a lower bar is refused, saying so', () => {
    expect(
      tightenRule(rule, {
        fact: 'chaos.passRate',
        operator: 'greaterThanOrEqual',
        value: 0.5,
      }),
    ).toEqual({
      problem:
        '0.5 would loosen the guardrail: it asks chaos.passRate greaterThanOrEqual 0.95, and a team may only tighten it',
    });
    expect(
      tightenRule(rule, {
        fact: 'chaos.lastRunAt',
        operator: 'newerThanDays',
        value: 90,
      }),
    ).toHaveProperty('problem');
  });

  it('refuses a condition the rule does not have, or one under not', () => {
    expect(
      tightenRule(rule, {
        fact: 'chaos.passRate',
        operator: 'greaterThan',
        value: 0.99,
      }),
    ).toEqual({
      problem:
        'the guardrail\'s rule has no condition "chaos.passRate greaterThan" to tighten',
    });
    expect(
      tightenRule(
        { not: { fact: 'boundaries.violations', greaterThan: 0 } },
        { fact: 'boundaries.violations', operator: 'greaterThan', value: 3 },
      ),
    ).toHaveProperty('problem', expect.stringMatching(/under "not"/));
  });
});
