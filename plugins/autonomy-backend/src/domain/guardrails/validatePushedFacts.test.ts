import type { PushFactsRequest } from '@aligned-autonomy/plugin-autonomy-common';
import type { FactSourceSchema } from './facts';
import { validatePushedFacts } from './validatePushedFacts';

const NOW = new Date('2026-11-21T12:00:00Z');

const ci: FactSourceSchema = {
  id: 'ci',
  maxAgeDays: 7,
  fields: {
    branch: 'string',
    coverage: 'number',
    green: 'boolean',
    lastRunAt: 'datetime',
    languages: 'string-array',
  },
};
const sources = new Map([[ci.id, ci]]);

const push = (
  values: PushFactsRequest['values'],
  extra: Partial<PushFactsRequest> = {},
): PushFactsRequest => ({
  entityRef: 'component:default/checkout-api',
  source: 'ci',
  values,
  ...extra,
});

const problemsOf = (request: PushFactsRequest) =>
  validatePushedFacts(request, sources, NOW).problems;

describe('validatePushedFacts', () => {
  it('accepts values of every declared type', () => {
    const values = {
      branch: 'main',
      coverage: 81.5,
      green: false,
      lastRunAt: '2026-11-20T08:00:00Z',
      languages: ['java', 'kotlin'],
    };
    const result = validatePushedFacts(push(values), sources, NOW);
    expect(result.problems).toEqual([]);
    expect(result.values).toEqual(values);
  });

  it('rejects a source that is not declared, naming the declared ones', () => {
    expect(problemsOf(push({ coverage: 1 }, { source: 'sonar' }))).toEqual([
      'source "sonar" is not declared in autonomy.guardrails.facts (declared: ci)',
    ]);
    expect(
      validatePushedFacts(push({ coverage: 1 }), new Map(), NOW).problems,
    ).toEqual([
      'source "ci" is not declared in autonomy.guardrails.facts (declared: none)',
    ]);
  });

  it('rejects a field the source does not declare', () => {
    expect(problemsOf(push({ coverage: 80, duration: 12 }))).toEqual([
      'values.duration is not a field of source "ci" (fields: branch, coverage, green, lastRunAt, languages)',
    ]);
  });

  it.each(['constructor', 'toString', '__proto__'])(
    'rejects the undeclared field %s (a name Object.prototype has) as a problem',
    field => {
      // JSON.parse, as express does, makes "__proto__" an own key like any other.
      const values = JSON.parse(`{"${field}": 1}`);
      let problems: string[] = [];
      expect(() => {
        problems = problemsOf(push(values));
      }).not.toThrow();
      expect(problems).toEqual([
        `values.${field} is not a field of source "ci" (fields: branch, coverage, green, lastRunAt, languages)`,
      ]);
    },
  );

  it.each([
    ['branch', 'string', 3, '3'],
    ['branch', 'string', ['main'], '["main"]'],
    ['coverage', 'number', '81', '"81"'],
    ['coverage', 'number', true, 'true'],
    ['green', 'boolean', 'true', '"true"'],
    ['green', 'boolean', 1, '1'],
    ['lastRunAt', 'datetime', 'yesterday', '"yesterday"'],
    ['lastRunAt', 'datetime', 1700000000000, '1700000000000'],
    ['languages', 'string-array', 'java', '"java"'],
    ['languages', 'string-array', ['java', 3], '["java",3]'],
  ] as const)(
    'rejects %s (%s) = %p, naming the field and the type',
    (field, type, value, shown) => {
      expect(problemsOf(push({ [field]: value as any }))).toEqual([
        `values.${field} must be a ${type}, got ${shown}`,
      ]);
    },
  );

  it.each(['2026-02-30', '2026-02-29T10:00:00Z', '2026-11-20T08:00:00'])(
    'rejects the datetime %p: not on the calendar, or without a time zone',
    value => {
      expect(problemsOf(push({ lastRunAt: value }))).toEqual([
        `values.lastRunAt must be a datetime, got "${value}"`,
      ]);
    },
  );

  it('accepts a datetime as a calendar day or a timestamp in any time zone', () => {
    for (const lastRunAt of [
      '2026-02-28',
      '2024-02-29T23:59:59.999+01:00',
      '2026-11-20T08:00Z',
    ])
      expect(problemsOf(push({ lastRunAt }))).toEqual([]);
  });

  it('refuses a datetime in the future, which would stay "recent" for ever, naming the field', () => {
    expect(
      problemsOf(push({ lastRunAt: '2026-11-21T12:05:00Z', coverage: 1 })),
    ).toEqual([]);
    expect(problemsOf(push({ lastRunAt: '2026-11-21' }))).toEqual([]);
    expect(
      problemsOf(push({ lastRunAt: '2026-11-21T13:00:00+01:00' })),
    ).toEqual([]);
    expect(problemsOf(push({ lastRunAt: '2026-11-21T12:05:01Z' }))).toEqual([
      'values.lastRunAt 2026-11-21T12:05:01Z is in the future',
    ]);
    expect(problemsOf(push({ lastRunAt: '2026-11-22' }))).toEqual([
      'values.lastRunAt 2026-11-22 is in the future',
    ]);
  });

  describe('declared ranges and allowed values', () => {
    const bounded: FactSourceSchema = {
      id: 'ci',
      maxAgeDays: 7,
      fields: {
        passRate: { type: 'number', min: 0, max: 1 },
        stage: { type: 'string', enum: ['build', 'deploy'] },
        stages: { type: 'string-array', enum: ['build', 'deploy'] },
        coverage: 'number',
      },
    };
    const problems = (values: PushFactsRequest['values']) =>
      validatePushedFacts(push(values), new Map([['ci', bounded]]), NOW)
        .problems;

    it('accepts values inside them, and the short form stays unbounded', () => {
      expect(
        problems({
          passRate: 1,
          stage: 'deploy',
          stages: ['build', 'deploy'],
          coverage: -5,
        }),
      ).toEqual([]);
      expect(problems({ passRate: 0, stages: [] })).toEqual([]);
    });

    it('rejects values outside them, naming the field', () => {
      expect(
        problems({
          passRate: 1.5,
          stage: 'Deploy',
          stages: ['build', 'ship', 'sail'],
        }),
      ).toEqual([
        'values.passRate must be at most 1, got 1.5',
        'values.stage must be one of build, deploy, got "Deploy"',
        'values.stages must be one of build, deploy, got "ship", "sail"',
      ]);
      expect(problems({ passRate: -0.1 })).toEqual([
        'values.passRate must be at least 0, got -0.1',
      ]);
    });
  });

  it('accepts an empty list for a string-array', () => {
    expect(problemsOf(push({ languages: [] }))).toEqual([]);
  });

  it('accepts null for any field, to clear it', () => {
    expect(
      problemsOf(
        push({
          branch: null,
          coverage: null,
          green: null,
          lastRunAt: null,
          languages: null,
        }),
      ),
    ).toEqual([]);
  });

  it('rejects empty values', () => {
    expect(problemsOf(push({}))).toEqual(['values is empty']);
  });

  it('lists every problem, not just the first', () => {
    expect(
      problemsOf(push({ coverage: 'high', nope: 1, green: 'no' })),
    ).toEqual([
      'values.coverage must be a number, got "high"',
      expect.stringMatching(/^values\.nope is not a field/),
      'values.green must be a boolean, got "no"',
    ]);
  });

  describe('observedAt', () => {
    it('defaults to now', () => {
      const result = validatePushedFacts(push({ coverage: 80 }), sources, NOW);
      expect(result.observedAt.toISOString()).toBe(NOW.toISOString());
    });

    it('is read from the request', () => {
      const result = validatePushedFacts(
        push({ coverage: 80 }, { observedAt: '2026-11-20T08:00:00Z' }),
        sources,
        NOW,
      );
      expect(result.problems).toEqual([]);
      expect(result.observedAt.toISOString()).toBe('2026-11-20T08:00:00.000Z');
    });

    it.each([
      'last tuesday',
      '2026-02-30T10:00:00Z',
      '2026-11-31T10:00:00Z',
      '2026-11-20T10:00:00',
      '2026-11-20',
    ])(
      'must be a timestamp with a time zone on the calendar: not %p',
      value => {
        expect(
          problemsOf(push({ coverage: 80 }, { observedAt: value })),
        ).toEqual([
          `observedAt "${value}" is not an ISO 8601 timestamp with a time zone on the calendar, e.g. 2026-11-21T10:00:00Z`,
        ]);
      },
    );

    it('may be up to five minutes in the future (clock skew), not more', () => {
      expect(
        problemsOf(
          push({ coverage: 80 }, { observedAt: '2026-11-21T12:05:00Z' }),
        ),
      ).toEqual([]);
      expect(
        problemsOf(
          push({ coverage: 80 }, { observedAt: '2026-11-21T12:05:01Z' }),
        ),
      ).toEqual(['observedAt 2026-11-21T12:05:01Z is in the future']);
    });

    it('is checked together with the values', () => {
      expect(
        problemsOf(
          push({ coverage: 'x' }, { observedAt: '2030-01-01T00:00:00Z' }),
        ),
      ).toEqual([
        'observedAt 2030-01-01T00:00:00Z is in the future',
        'values.coverage must be a number, got "x"',
      ]);
    });
  });
});
