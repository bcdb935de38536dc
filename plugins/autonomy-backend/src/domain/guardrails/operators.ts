import type { AutonomyRuleOperator } from '@aligned-autonomy/plugin-autonomy-node';
import type { FactValue } from './facts';

/** The operator contract is public: modules add operators through the extension point. */
export type RuleOperator = AutonomyRuleOperator;

const DAY_MS = 86_400_000;

const toNumber = (value: FactValue | undefined): number | undefined => {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !isNaN(Number(value))) {
    return Number(value);
  }
  return undefined;
};

const toTime = (value: FactValue | undefined): number | undefined => {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return isNaN(time) ? undefined : time;
};

const same = (a: unknown, b: unknown) =>
  typeof a === 'string' && typeof b === 'string'
    ? a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US')
    : a === b;

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
  validateParam: scalar(p => typeof p === 'number' && p >= 0, 'a number of days ≥ 0'),
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
    describe: p => (p ? 'is set' : 'is not set'),
  },
  {
    name: 'equals',
    validateParam: scalar(isScalar, 'a string, number, boolean or null'),
    test: (value, param) => same(value, param),
    describe: p => `equals ${JSON.stringify(p)}`,
  },
  {
    name: 'notEquals',
    validateParam: scalar(isScalar, 'a string, number, boolean or null'),
    test: (value, param) => !same(value, param),
    describe: p => `does not equal ${JSON.stringify(p)}`,
  },
  {
    name: 'in',
    validateParam: scalar(p => Array.isArray(p) && p.every(isScalar), 'a list of values'),
    test: (value, param: unknown[]) => param.some(p => same(value, p)),
    describe: p => `is one of ${JSON.stringify(p)}`,
  },
  {
    name: 'notIn',
    validateParam: scalar(p => Array.isArray(p) && p.every(isScalar), 'a list of values'),
    test: (value, param: unknown[]) => !param.some(p => same(value, p)),
    describe: p => `is none of ${JSON.stringify(p)}`,
  },
  numeric('greaterThan', (a, b) => a > b, 'is greater than'),
  numeric('greaterThanOrEqual', (a, b) => a >= b, 'is at least'),
  numeric('lessThan', (a, b) => a < b, 'is less than'),
  numeric('lessThanOrEqual', (a, b) => a <= b, 'is at most'),
  {
    name: 'contains',
    validateParam: scalar(isScalar, 'a value'),
    test: (value, param) =>
      Array.isArray(value) ? value.some(v => same(v, param)) : typeof value === 'string' && typeof param === 'string' && value.includes(param),
    describe: p => `contains ${JSON.stringify(p)}`,
  },
  {
    name: 'matches',
    validateParam: p => {
      if (typeof p !== 'string') return `expects a regular expression string, got ${JSON.stringify(p)}`;
      try {
        new RegExp(p); // eslint-disable-line no-new
        return undefined;
      } catch (e) {
        return `is not a valid regular expression: ${(e as Error).message}`;
      }
    },
    prepare: p => new RegExp(p as string),
    test: (value, pattern: RegExp) => typeof value === 'string' && pattern.test(value),
    describe: p => `matches /${p}/`,
  },
  age('newerThanDays', (a, limit) => a <= limit, 'is newer than'),
  age('olderThanDays', (a, limit) => a > limit, 'is older than'),
];
