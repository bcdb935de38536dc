import fc from 'fast-check';
import type { CatalogNode } from '../catalogSnapshot';
import {
  compileRule,
  RuleError,
  type RuleCompilerOptions,
} from './compileRule';
import { pushedFacts, type FactSourceSchema, type FactValue } from './facts';
import { BUILT_IN_OPERATORS } from './operators';

/*
 * Properties of the rule compiler over rules nobody wrote by hand: any JSON compiles or is refused
 * with a RuleError naming a place that exists in the rule; compiled rules follow three-valued
 * logic, and every outcome that is not a pass is explained.
 */

const NOW = Date.parse('2026-11-26T12:00:00Z');
const ci: FactSourceSchema = {
  id: 'ci',
  maxAgeDays: 30,
  fields: { coverage: 'number', green: 'boolean', branch: 'string' },
};
const options: RuleCompilerOptions = {
  operators: new Map(BUILT_IN_OPERATORS.map(o => [o.name, o])),
  sources: new Map([[ci.id, ci]]),
  providerIds: new Set(),
};
const node: CatalogNode = {
  ref: 'component:default/a',
  kind: 'component',
  title: 'a',
  annotations: {},
  tags: [],
  linkCount: 0,
};

/** The value at a RuleError path such as `all[1].not.fact` inside `rule`, if the path exists. */
function at(rule: unknown, path: string): boolean {
  let current: any = rule;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (current === null || typeof current !== 'object' || !(part in current))
      return false;
    current = current[part];
  }
  return true;
}

/** What compiling `rule` throws, if it throws. */
function refusalOf(rule: unknown): unknown {
  try {
    compileRule(rule, options);
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Fact conditions that compile: each reads one of the source's fields. */
const condition = fc.oneof(
  fc.record({
    fact: fc.constant('ci.coverage'),
    greaterThanOrEqual: fc.integer({ min: 0, max: 100 }),
  }),
  fc.record({ fact: fc.constant('ci.green'), equals: fc.boolean() }),
  fc.record({
    fact: fc.constant('ci.branch'),
    equals: fc.constantFrom('main', 'dev'),
  }),
);
const { rule } = fc.letrec<{ rule: unknown }>(tie => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    condition,
    fc.record({ all: fc.array(tie('rule'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('rule'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('rule') }),
  ),
}));
/** Facts pushed for the entity: each field present, absent (unknown) or of another value. */
const facts = fc.record(
  {
    coverage: fc.integer({ min: 0, max: 100 }),
    green: fc.boolean(),
    branch: fc.constantFrom('main', 'dev', 'feature'),
  },
  { requiredKeys: [] },
);
const context = (values: Record<string, FactValue>) => ({
  node,
  now: NOW,
  pushed: new Map([
    ['ci', pushedFacts(values, new Date(NOW - 3600_000).toISOString())],
  ]),
});

describe('compileRule, for any rule', () => {
  it('compiles any JSON or refuses it with a RuleError at a place in the rule', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), value => {
        const refusal = refusalOf(value);
        return (
          refusal === undefined ||
          (refusal instanceof RuleError &&
            refusal.message !== '' &&
            (refusal.path === '' || at(value, refusal.path)))
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('explains every outcome that is not a pass', () => {
    fc.assert(
      fc.property(rule, facts, (r, values) => {
        const compiled = compileRule(r, options);
        const ctx = context(values);
        return (
          compiled.evaluate(ctx) === 'pass' ||
          /\S/.test(compiled.explain(ctx) ?? '')
        );
      }),
      { numRuns: 500 },
    );
  });

  it('follows three-valued logic: double negation, one-child groups and De Morgan', () => {
    fc.assert(
      fc.property(rule, rule, facts, (a, b, values) => {
        const ctx = context(values);
        const outcome = (x: unknown) => compileRule(x, options).evaluate(ctx);
        expect(outcome({ not: { not: a } })).toBe(outcome(a));
        expect(outcome({ all: [a] })).toBe(outcome(a));
        expect(outcome({ any: [a] })).toBe(outcome(a));
        expect(outcome({ not: { all: [a, b] } })).toBe(
          outcome({ any: [{ not: a }, { not: b }] }),
        );
        expect(outcome({ all: [a, b] })).toBe(outcome({ all: [b, a] }));
      }),
      { numRuns: 500 },
    );
  });
});
