import {
  compileFactGetter,
  UNKNOWN,
  type FactContext,
  type FactGetter,
  type FactSourceSchema,
} from './facts';
import { readsClock, type RuleOperator } from './operators';

/** Three-valued outcome: a condition on an unknown fact is neither true nor false. */
export type Outcome = 'pass' | 'fail' | 'unknown';

export interface CompiledRule {
  /** Fast path, called for every entity. */
  evaluate(ctx: FactContext): Outcome;
  /** Slow path, only for failures: the first condition that failed or was unknown, in words. */
  explain(ctx: FactContext): string | undefined;
  facts: FactGetter[];
  /** Whether an operator of the rule reads the clock: its outcome may change with time alone. */
  readsClock: boolean;
}

export interface RuleCompilerOptions {
  operators: Map<string, RuleOperator>;
  sources: Map<string, FactSourceSchema>;
  providerIds: Set<string>;
}

/** A problem in a rule, with the path inside the rule where it is (e.g. `all[1].any[0]`). */
export class RuleError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
  }
}

interface Node {
  evaluate(ctx: FactContext): Outcome;
  explain(ctx: FactContext): string | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Compiles a rule tree into closures, once at start-up: fact ids resolve to getters, operator
 * parameters are checked and prepared. Every problem is a RuleError naming where it is.
 */
export function compileRule(
  rule: unknown,
  options: RuleCompilerOptions,
): CompiledRule {
  const getters = new Map<string, FactGetter>();
  let clock = false;

  const compile = (node: unknown, path: string): Node => {
    const at = (child: string) => (path ? `${path}.${child}` : child);
    if (!isObject(node))
      throw new RuleError(path, 'a condition must be an object');
    const keys = Object.keys(node);
    if ('all' in node || 'any' in node) {
      const op = 'all' in node ? 'all' : 'any';
      if (keys.length !== 1)
        throw new RuleError(
          path,
          `"${op}" cannot be combined with ${keys
            .filter(k => k !== op)
            .join(', ')}`,
        );
      const list = node[op];
      if (!Array.isArray(list) || list.length === 0)
        throw new RuleError(
          at(op),
          `"${op}" needs a non-empty list of conditions`,
        );
      const children = list.map((c, i) => compile(c, `${at(op)}[${i}]`));
      const evaluate =
        op === 'all'
          ? (ctx: FactContext): Outcome => {
              let outcome: Outcome = 'pass';
              for (const child of children) {
                const r = child.evaluate(ctx);
                if (r === 'fail') return 'fail';
                if (r === 'unknown') outcome = 'unknown';
              }
              return outcome;
            }
          : (ctx: FactContext): Outcome => {
              let outcome: Outcome = 'fail';
              for (const child of children) {
                const r = child.evaluate(ctx);
                if (r === 'pass') return 'pass';
                if (r === 'unknown') outcome = 'unknown';
              }
              return outcome;
            };
      return {
        evaluate,
        explain: ctx => {
          if (op === 'all') {
            // One pass: the first failing condition explains it, else the first unknown one.
            let unknown: Node | undefined;
            for (const child of children) {
              const r = child.evaluate(ctx);
              if (r === 'fail') return child.explain(ctx);
              if (r === 'unknown' && !unknown) unknown = child;
            }
            return unknown?.explain(ctx);
          }
          const reasons = children.map(c => c.explain(ctx)).filter(Boolean);
          return reasons.length ? `none of: ${reasons.join('; ')}` : undefined;
        },
      };
    }
    if ('not' in node) {
      if (keys.length !== 1)
        throw new RuleError(path, '"not" cannot be combined with other keys');
      const child = compile(node.not, at('not'));
      return {
        evaluate: ctx => {
          const r = child.evaluate(ctx);
          if (r === 'unknown') return r;
          return r === 'pass' ? 'fail' : 'pass';
        },
        explain: ctx =>
          child.evaluate(ctx) === 'unknown'
            ? child.explain(ctx)
            : `expected the opposite of ${JSON.stringify(node.not)}`,
      };
    }
    if (!('fact' in node))
      throw new RuleError(
        path,
        'a condition needs "all", "any", "not" or "fact"',
      );
    const factId = node.fact;
    if (typeof factId !== 'string' || !factId)
      throw new RuleError(at('fact'), '"fact" must be a fact id');
    const operatorNames = keys.filter(k => k !== 'fact');
    if (operatorNames.length !== 1) {
      throw new RuleError(
        path,
        `a fact condition needs exactly one operator (one of ${[
          ...options.operators.keys(),
        ].join(', ')}), got ${
          operatorNames.length ? operatorNames.join(', ') : 'none'
        }`,
      );
    }
    const [name] = operatorNames;
    const operator = options.operators.get(name);
    if (!operator)
      throw new RuleError(
        at(name),
        `unknown operator "${name}" (known: ${[
          ...options.operators.keys(),
        ].join(', ')})`,
      );
    if (readsClock(operator)) clock = true;
    const problem = operator.validateParam(node[name]);
    if (problem) throw new RuleError(at(name), `${name} ${problem}`);
    let getter = getters.get(factId);
    if (!getter) {
      const compiled = compileFactGetter(
        factId,
        options.sources,
        options.providerIds,
      );
      if (typeof compiled === 'string')
        throw new RuleError(at('fact'), compiled);
      getter = compiled;
      getters.set(factId, getter);
    }
    const param = operator.prepare ? operator.prepare(node[name]) : node[name];
    const get = getter.get;
    const test = operator.test;
    // The wording depends only on the condition, so it is built once here.
    const expectation = `expected ${factId} ${operator.describe(
      node[name],
    )}, but it is `;
    const unknownText = `${factId} is unknown (missing or stale)`;
    return {
      evaluate: ctx => {
        const value = get(ctx);
        if (value === UNKNOWN) return 'unknown';
        return test(value, param, ctx) ? 'pass' : 'fail';
      },
      explain: ctx => {
        const value = get(ctx);
        if (value === UNKNOWN) return unknownText;
        if (test(value, param, ctx)) return undefined;
        return (
          expectation +
          (value === undefined ? 'not set' : JSON.stringify(value))
        );
      },
    };
  };

  const root = compile(rule, '');
  return {
    evaluate: root.evaluate,
    explain: root.explain,
    facts: [...getters.values()],
    readsClock: clock,
  };
}
