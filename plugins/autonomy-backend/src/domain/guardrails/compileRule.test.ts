import type { CatalogNode } from '../catalogSnapshot';
import {
  compileRule,
  RuleError,
  type RuleCompilerOptions,
} from './compileRule';
import {
  pushedFacts,
  type FactContext,
  type FactSourceSchema,
  type FactValue,
} from './facts';
import { BUILT_IN_OPERATORS } from './operators';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(NOW - days * DAY_MS).toISOString();

const chaos: FactSourceSchema = {
  id: 'chaos',
  maxAgeDays: 30,
  fields: { lastRunAt: 'datetime', passRate: 'number', experiment: 'string' },
};

const options: RuleCompilerOptions = {
  operators: new Map(BUILT_IN_OPERATORS.map(o => [o.name, o])),
  sources: new Map([[chaos.id, chaos]]),
  providerIds: new Set(['ci']),
};

const node: CatalogNode = {
  ref: 'component:default/checkout-api',
  kind: 'component',
  title: 'checkout-api',
  specType: 'service',
  lifecycle: 'experimental',
  ownerRef: 'group:default/checkout',
  annotations: {
    'aligned-autonomy.io/runbook': 'https://runbooks.example.com/checkout',
    'backstage.io/techdocs-ref': 'dir:.',
    'a.b.c/d.e': 'dotted',
    'aligned-autonomy.io/slo': '99.95',
  },
  tags: ['java'],
  linkCount: 2,
};

function ctx(extra: Partial<FactContext> = {}): FactContext {
  return { node, now: NOW, ...extra };
}

const compile = (rule: unknown) => compileRule(rule, options);
/** How an operator words its expectation (pinned in operators.test.ts). */
const words = (name: string, param: unknown) =>
  options.operators.get(name)!.describe(param);
const FAIL_MESSAGE = `expected entity.lifecycle ${words(
  'equals',
  'production',
)}, but it is "experimental"`;

// Three leaves with a fixed outcome in ctx().
const PASS = { fact: 'entity.kind', equals: 'component' };
const FAIL = { fact: 'entity.lifecycle', equals: 'production' };
const UNKNOWN = { fact: 'boundaries.crossTeamCalls', lessThan: 3 };
const leaf = { pass: PASS, fail: FAIL, unknown: UNKNOWN } as const;
type O = keyof typeof leaf;

function ruleError(rule: unknown): RuleError {
  try {
    compile(rule);
  } catch (e) {
    expect(e).toBeInstanceOf(RuleError);
    return e as RuleError;
  }
  throw new Error('expected a RuleError, but the rule compiled');
}

describe('compileRule', () => {
  describe('three-valued logic', () => {
    it.each(['pass', 'fail', 'unknown'] as O[])('a %s leaf is %s', o => {
      expect(compile(leaf[o]).evaluate(ctx())).toBe(o);
    });

    it.each([
      // a, b, all, any
      ['pass', 'pass', 'pass', 'pass'],
      ['pass', 'fail', 'fail', 'pass'],
      ['fail', 'pass', 'fail', 'pass'],
      ['fail', 'fail', 'fail', 'fail'],
      ['pass', 'unknown', 'unknown', 'pass'],
      ['unknown', 'pass', 'unknown', 'pass'],
      ['fail', 'unknown', 'fail', 'unknown'],
      ['unknown', 'fail', 'fail', 'unknown'],
      ['unknown', 'unknown', 'unknown', 'unknown'],
    ] as [O, O, O, O][])(
      'all/any of %s and %s are %s / %s',
      (a, b, all, any) => {
        expect(compile({ all: [leaf[a], leaf[b]] }).evaluate(ctx())).toBe(all);
        expect(compile({ any: [leaf[a], leaf[b]] }).evaluate(ctx())).toBe(any);
      },
    );

    it.each([
      ['pass', 'fail'],
      ['fail', 'pass'],
      ['unknown', 'unknown'],
    ] as [O, O][])('not of %s is %s', (child, expected) => {
      expect(compile({ not: leaf[child] }).evaluate(ctx())).toBe(expected);
    });

    it('nests', () => {
      const rule = {
        all: [
          PASS,
          { any: [FAIL, { not: FAIL }] },
          { not: { all: [PASS, FAIL] } },
        ],
      };
      expect(compile(rule).evaluate(ctx())).toBe('pass');
      expect(compile({ not: { not: UNKNOWN } }).evaluate(ctx())).toBe(
        'unknown',
      );
      expect(compile({ not: { not: FAIL } }).evaluate(ctx())).toBe('fail');
    });
  });

  describe('explain', () => {
    it('says nothing for a passing rule', () => {
      expect(compile(PASS).explain(ctx())).toBeUndefined();
      expect(compile({ all: [PASS, PASS] }).explain(ctx())).toBeUndefined();
    });

    it('names the fact, the expectation and the value of a failing leaf', () => {
      expect(compile(FAIL).explain(ctx())).toBe(FAIL_MESSAGE);
      expect(
        compile({ fact: 'entity.linkCount', greaterThanOrEqual: 3 }).explain(
          ctx(),
        ),
      ).toBe(
        `expected entity.linkCount ${words(
          'greaterThanOrEqual',
          3,
        )}, but it is 2`,
      );
    });

    it('says "not set" for an absent value', () => {
      expect(
        compile({
          fact: 'entity.annotations.aligned-autonomy.io/on-call',
          exists: true,
        }).explain(ctx()),
      ).toBe(
        `expected entity.annotations.aligned-autonomy.io/on-call ${words(
          'exists',
          true,
        )}, but it is not set`,
      );
    });

    it('says when a fact is unknown', () => {
      expect(compile(UNKNOWN).explain(ctx())).toBe(
        'boundaries.crossTeamCalls is unknown (missing or stale)',
      );
    });

    it('explains the first failing condition of all, before an unknown one', () => {
      expect(compile({ all: [PASS, UNKNOWN, FAIL] }).explain(ctx())).toBe(
        FAIL_MESSAGE,
      );
      expect(compile({ all: [PASS, UNKNOWN] }).explain(ctx())).toBe(
        'boundaries.crossTeamCalls is unknown (missing or stale)',
      );
    });

    it('lists every reason of any', () => {
      expect(compile({ any: [FAIL, UNKNOWN] }).explain(ctx())).toBe(
        `none of: ${FAIL_MESSAGE}; boundaries.crossTeamCalls is unknown (missing or stale)`,
      );
    });

    it('explains not by its condition, or by the unknown fact', () => {
      expect(compile({ not: PASS }).explain(ctx())).toBe(
        `expected the opposite of ${JSON.stringify(PASS)}`,
      );
      expect(compile({ not: UNKNOWN }).explain(ctx())).toBe(
        'boundaries.crossTeamCalls is unknown (missing or stale)',
      );
    });
  });

  describe('compile errors', () => {
    it.each([
      [
        'an unknown operator',
        { any: [{ fact: 'entity.linkCount', greaterThen: 1 }] },
        'any[0].greaterThen',
        /unknown operator "greaterThen" \(known: exists, equals/,
      ],
      [
        'two operators in one condition',
        { all: [PASS, { fact: 'entity.kind', equals: 'a', in: ['b'] }] },
        'all[1]',
        /exactly one operator .*got equals, in/,
      ],
      [
        'no operator',
        { all: [PASS, { fact: 'entity.kind' }] },
        'all[1]',
        /exactly one operator .*got none/,
      ],
      ['an empty all', { all: [] }, 'all', /"all" needs a non-empty list/],
      [
        'an empty any',
        { not: { any: [] } },
        'not.any',
        /"any" needs a non-empty/,
      ],
      [
        'all that is not a list',
        { all: PASS },
        'all',
        /"all" needs a non-empty list/,
      ],
      [
        'a condition that is not an object',
        { all: [PASS, 'owner.isTeam'] },
        'all[1]',
        /a condition must be an object/,
      ],
      ['a root that is not an object', null, '', /must be an object/],
      [
        'a list as a condition',
        { any: [[PASS]] },
        'any[0]',
        /must be an object/,
      ],
      [
        'a condition without all, any, not or fact',
        { all: [{ equals: 1 }] },
        'all[0]',
        /needs "all", "any", "not" or "fact"/,
      ],
      [
        'all combined with another key',
        { all: [PASS], fact: 'entity.kind' },
        '',
        /"all" cannot be combined with fact/,
      ],
      [
        'not combined with another key',
        { all: [{ not: PASS, equals: 1 }] },
        'all[0]',
        /"not" cannot be combined/,
      ],
      [
        'a fact that is not a string',
        { all: [PASS, { fact: 3, equals: 1 }] },
        'all[1].fact',
        /"fact" must be a fact id/,
      ],
      [
        'an unknown fact id',
        { all: [PASS, { fact: 'entity.owner', exists: true }] },
        'all[1].fact',
        /unknown fact "entity.owner": use a catalog fact .*a declared pushed source \(chaos\) or a fact provider \(ci\)/,
      ],
      [
        'a field the pushed source does not declare',
        { not: { fact: 'chaos.duration', lessThan: 10 } },
        'not.fact',
        /fact source "chaos" declares no field "duration" \(it has lastRunAt, passRate, experiment\)/,
      ],
      [
        'a pushed field named like an Object.prototype member',
        { fact: 'chaos.constructor', exists: true },
        'fact',
        /fact source "chaos" declares no field "constructor"/,
      ],
      [
        'a fact id named like an Object.prototype member',
        { all: [PASS, { fact: 'toString', exists: true }] },
        'all[1].fact',
        /unknown fact "toString"/,
      ],
      [
        'a provider that is not registered',
        { fact: 'sonar.coverage', greaterThan: 80 },
        'fact',
        /unknown fact "sonar.coverage"/,
      ],
      [
        'a source id without a field',
        { fact: 'chaos', exists: true },
        'fact',
        /unknown fact "chaos"/,
      ],
      [
        'an annotation fact without a key',
        { fact: 'entity.annotations.', exists: true },
        'fact',
        /unknown fact "entity.annotations."/,
      ],
      [
        'a bad operator parameter',
        {
          all: [
            { any: [PASS, { fact: 'entity.linkCount', greaterThan: '3' }] },
          ],
        },
        'all[0].any[1].greaterThan',
        /^greaterThan expects a number, got "3"$/,
      ],
      [
        'an invalid regular expression',
        { fact: 'entity.title', matches: '([' },
        'matches',
        /^matches is not a valid regular expression/,
      ],
    ])('reports %s at its path', (_what, rule, path, message) => {
      const error = ruleError(rule);
      expect(error.path).toBe(path);
      expect(error.message).toMatch(message);
    });
  });

  describe('facts', () => {
    it('lists each fact the rule reads once', () => {
      const rule = compile({
        all: [
          { fact: 'entity.kind', equals: 'component' },
          { fact: 'entity.kind', notEquals: 'api' },
          { fact: 'owner.isTeam', equals: true },
        ],
      });
      expect(rule.facts.map(f => f.id)).toEqual([
        'entity.kind',
        'owner.isTeam',
      ]);
    });

    describe('pushed', () => {
      const passRate = compile({
        fact: 'chaos.passRate',
        greaterThanOrEqual: 0.95,
      });
      const pushed = (values: Record<string, FactValue>, observedAt: string) =>
        ctx({ pushed: new Map([['chaos', pushedFacts(values, observedAt)]]) });

      it('is unknown when nothing was pushed', () => {
        expect(passRate.evaluate(ctx())).toBe('unknown');
        expect(passRate.evaluate(ctx({ pushed: new Map() }))).toBe('unknown');
      });

      it('is unknown when the source was pushed without the field', () => {
        expect(
          passRate.evaluate(pushed({ experiment: 'az-outage' }, daysAgo(1))),
        ).toBe('unknown');
      });

      it('is unknown when older than maxAgeDays', () => {
        const stale = pushed({ passRate: 0.99 }, daysAgo(31));
        expect(passRate.evaluate(stale)).toBe('unknown');
        expect(passRate.explain(stale)).toBe(
          'chaos.passRate is unknown (missing or stale)',
        );
      });

      it('is the value while fresh', () => {
        expect(passRate.evaluate(pushed({ passRate: 0.99 }, daysAgo(29)))).toBe(
          'pass',
        );
        expect(passRate.evaluate(pushed({ passRate: 0.9 }, daysAgo(1)))).toBe(
          'fail',
        );
        expect(passRate.evaluate(pushed({ passRate: 0.99 }, daysAgo(30)))).toBe(
          'pass',
        );
      });

      it('reports where the value came from and when', () => {
        const [getter] = passRate.facts;
        expect(getter.source).toBe('pushed');
        const c = pushed({ passRate: 0.99 }, daysAgo(2));
        expect(getter.get(c)).toBe(0.99);
        expect(getter.observedAt?.(c)).toBe(daysAgo(2));
      });
    });

    describe('provided', () => {
      const coverage = compile({ fact: 'ci.coverage', greaterThan: 80 });
      const provided = (values: Record<string, FactValue>) =>
        ctx({ provided: new Map([['ci', values]]) });

      it('reads the value the provider gave for the entity', () => {
        expect(coverage.facts[0].source).toBe('provider');
        expect(coverage.evaluate(provided({ coverage: 85 }))).toBe('pass');
        expect(coverage.evaluate(provided({ coverage: 70 }))).toBe('fail');
      });

      it('is unknown when the provider gave nothing for the fact', () => {
        expect(coverage.evaluate(ctx())).toBe('unknown');
        expect(coverage.evaluate(ctx({ provided: new Map() }))).toBe('unknown');
        expect(coverage.evaluate(provided({ branches: 3 }))).toBe('unknown');
      });
    });

    describe('derived boundaries.*', () => {
      const rule = compile({ fact: 'boundaries.crossTeamCalls', lessThan: 3 });

      it('is unknown until the analysis computed it', () => {
        expect(rule.evaluate(ctx())).toBe('unknown');
        expect(rule.evaluate(ctx({ derived: {} }))).toBe('unknown');
        expect(rule.evaluate(ctx({ derived: { 'boundaries.other': 1 } }))).toBe(
          'unknown',
        );
      });

      it('is the computed value', () => {
        expect(
          rule.evaluate(ctx({ derived: { 'boundaries.crossTeamCalls': 1 } })),
        ).toBe('pass');
        expect(
          rule.evaluate(ctx({ derived: { 'boundaries.crossTeamCalls': 5 } })),
        ).toBe('fail');
      });
    });

    describe('entity.annotations.<key>', () => {
      it.each([
        [
          'aligned-autonomy.io/runbook',
          'https://runbooks.example.com/checkout',
        ],
        ['backstage.io/techdocs-ref', 'dir:.'],
        ['a.b.c/d.e', 'dotted'],
      ])('reads the key %s, dots and slashes included', (key, value) => {
        const rule = compile({
          fact: `entity.annotations.${key}`,
          equals: value,
        });
        expect(rule.evaluate(ctx())).toBe('pass');
        expect(rule.facts[0].get(ctx())).toBe(value);
        expect(rule.facts[0].source).toBe('catalog');
      });

      it('is absent (not unknown) when the entity lacks the annotation', () => {
        const rule = compile({
          fact: 'entity.annotations.aligned-autonomy.io/on-call',
          exists: true,
        });
        expect(rule.evaluate(ctx())).toBe('fail');
        expect(
          rule.evaluate(ctx({ node: { ...node, annotations: undefined } })),
        ).toBe('fail');
      });

      it('compares numeric annotations as numbers', () => {
        expect(
          compile({
            fact: 'entity.annotations.aligned-autonomy.io/slo',
            greaterThanOrEqual: 99,
          }).evaluate(ctx()),
        ).toBe('pass');
      });
    });
  });
});
