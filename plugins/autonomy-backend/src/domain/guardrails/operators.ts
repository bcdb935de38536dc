import type { AutonomyRuleOperator } from '@aligned-autonomy/plugin-autonomy-node';
import type { FactValue } from './facts';

/** The operator contract is public: modules add operators through the extension point. */
export type RuleOperator = AutonomyRuleOperator;

const DAY_MS = 86_400_000;

const toNumber = (value: FactValue | undefined): number | undefined => {
  if (typeof value === 'number') return value;
  if (
    typeof value === 'string' &&
    value.trim() !== '' &&
    !isNaN(Number(value))
  ) {
    return Number(value);
  }
  return undefined;
};

const toTime = (value: FactValue | undefined): number | undefined => {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return isNaN(time) ? undefined : time;
};

/**
 * Equality as people mean it in rules: text ignores case, and a number equals the same number
 * written as text (annotation values are always text, YAML numbers are not).
 */
const same = (a: unknown, b: unknown): boolean => {
  if (typeof a === 'string' && typeof b === 'string') {
    return a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
  }
  if (typeof a === 'number' && typeof b === 'string') return toNumber(b) === a;
  if (typeof a === 'string' && typeof b === 'number') return toNumber(a) === b;
  return a === b;
};

const isScalar = (p: unknown) =>
  ['string', 'number', 'boolean'].includes(typeof p) || p === null;

const scalar = (check: (p: unknown) => boolean, what: string) => (p: unknown) =>
  check(p) ? undefined : `expects ${what}, got ${JSON.stringify(p)}`;

const numeric = (
  name: string,
  compare: (a: number, b: number) => boolean,
  words: string,
): RuleOperator => ({
  name,
  validateParam: scalar(p => typeof p === 'number' && isFinite(p), 'a number'),
  test: (value, param) => {
    const n = toNumber(value);
    return n !== undefined && compare(n, param);
  },
  describe: p => `${words} ${p}`,
});

const age = (
  name: string,
  compare: (ageDays: number, limit: number) => boolean,
  words: string,
): RuleOperator => ({
  name,
  validateParam: scalar(
    p => typeof p === 'number' && p >= 0,
    'a number of days ≥ 0',
  ),
  test: (value, param, { now }) => {
    const time = toTime(value);
    return time !== undefined && compare((now - time) / DAY_MS, param);
  },
  describe: p => `${words} ${p} days`,
});

/** The operators every rule can use. Modules add more through the extension point. */
export const BUILT_IN_OPERATORS: RuleOperator[] = [
  {
    name: 'exists',
    validateParam: scalar(p => typeof p === 'boolean', 'true or false'),
    test: (value, param) =>
      (value !== undefined && value !== null && value !== '') === param,
    describe: p => (p ? 'to be set' : 'not to be set'),
  },
  {
    name: 'equals',
    validateParam: scalar(isScalar, 'a string, number, boolean or null'),
    test: (value, param) => same(value, param),
    describe: p => `to equal ${JSON.stringify(p)}`,
  },
  {
    name: 'notEquals',
    validateParam: scalar(isScalar, 'a string, number, boolean or null'),
    test: (value, param) => !same(value, param),
    describe: p => `not to equal ${JSON.stringify(p)}`,
  },
  {
    name: 'in',
    validateParam: scalar(
      p => Array.isArray(p) && p.every(isScalar),
      'a list of values',
    ),
    test: (value, param: unknown[]) => param.some(p => same(value, p)),
    describe: p => `to be one of ${JSON.stringify(p)}`,
  },
  {
    name: 'notIn',
    validateParam: scalar(
      p => Array.isArray(p) && p.every(isScalar),
      'a list of values',
    ),
    test: (value, param: unknown[]) => !param.some(p => same(value, p)),
    describe: p => `to be none of ${JSON.stringify(p)}`,
  },
  numeric('greaterThan', (a, b) => a > b, 'to be greater than'),
  numeric('greaterThanOrEqual', (a, b) => a >= b, 'to be at least'),
  numeric('lessThan', (a, b) => a < b, 'to be less than'),
  numeric('lessThanOrEqual', (a, b) => a <= b, 'to be at most'),
  {
    name: 'contains',
    validateParam: scalar(isScalar, 'a value'),
    test: (value, param) =>
      Array.isArray(value)
        ? value.some(v => same(v, param))
        : typeof value === 'string' &&
          typeof param === 'string' &&
          value
            .toLocaleLowerCase('en-US')
            .includes(param.toLocaleLowerCase('en-US')),
    describe: p => `to contain ${JSON.stringify(p)}`,
  },
  {
    name: 'matches',
    validateParam: p => {
      if (typeof p !== 'string')
        return `expects a regular expression string, got ${JSON.stringify(p)}`;
      try {
        new RegExp(p); // eslint-disable-line no-new
        return undefined;
      } catch (e) {
        return `is not a valid regular expression: ${(e as Error).message}`;
      }
    },
    prepare: p => new RegExp(p as string),
    test: (value, pattern: RegExp) =>
      typeof value === 'string' && pattern.test(value),
    describe: p => `to match /${p}/`,
  },
  age('newerThanDays', (a, limit) => a <= limit, 'to be newer than'),
  age('olderThanDays', (a, limit) => a > limit, 'to be older than'),
];

/**
 * Built-in operators whose test reads only the value and the parameter. The others (the age
 * operators, and any a module adds, which are given the clock) may answer differently tomorrow
 * for the same fact, so an entity checked by one is evaluated at every run.
 */
const CLOCK_FREE = new Set(
  BUILT_IN_OPERATORS.filter(
    op => op.name !== 'newerThanDays' && op.name !== 'olderThanDays',
  ),
);

export const readsClock = (op: RuleOperator) => !CLOCK_FREE.has(op);
