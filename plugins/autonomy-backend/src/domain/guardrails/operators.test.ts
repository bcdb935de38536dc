import { BUILT_IN_OPERATORS, type RuleOperator } from './operators';
import type { FactValue } from './facts';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(NOW - days * DAY_MS).toISOString();

function op(name: string): RuleOperator {
  const found = BUILT_IN_OPERATORS.find(o => o.name === name);
  if (!found) throw new Error(`no operator ${name}`);
  return found;
}

/** Runs an operator the way a compiled rule does: prepare once, then test. */
function run(
  name: string,
  value: FactValue | undefined,
  param: unknown,
  now = NOW,
): boolean {
  const o = op(name);
  return o.test(value, o.prepare ? o.prepare(param) : param, { now });
}

describe('BUILT_IN_OPERATORS', () => {
  it('has every documented operator exactly once', () => {
    expect(BUILT_IN_OPERATORS.map(o => o.name).sort()).toEqual(
      [
        'contains',
        'equals',
        'exists',
        'greaterThan',
        'greaterThanOrEqual',
        'in',
        'lessThan',
        'lessThanOrEqual',
        'matches',
        'newerThanDays',
        'notEquals',
        'notIn',
        'olderThanDays',
      ].sort(),
    );
  });

  describe('exists', () => {
    it('accepts a boolean parameter only', () => {
      expect(op('exists').validateParam(true)).toBeUndefined();
      expect(op('exists').validateParam(false)).toBeUndefined();
      expect(op('exists').validateParam('yes')).toBe(
        'expects true or false, got "yes"',
      );
      expect(op('exists').validateParam(1)).toBe(
        'expects true or false, got 1',
      );
    });

    it('treats undefined, null and the empty string as not set', () => {
      expect(run('exists', 'x', true)).toBe(true);
      expect(run('exists', 0, true)).toBe(true);
      expect(run('exists', false, true)).toBe(true);
      for (const absent of [undefined, null, '']) {
        expect(run('exists', absent, true)).toBe(false);
        expect(run('exists', absent, false)).toBe(true);
      }
      expect(run('exists', 'x', false)).toBe(false);
    });

    it('describes itself', () => {
      expect(op('exists').describe(true)).toBe('to be set');
      expect(op('exists').describe(false)).toBe('not to be set');
    });
  });

  describe('equals / notEquals', () => {
    it.each(['equals', 'notEquals'])(
      '%s accepts scalars and rejects lists and objects',
      name => {
        for (const good of ['a', 1, 0, true, null]) {
          expect(op(name).validateParam(good)).toBeUndefined();
        }
        expect(op(name).validateParam(['a'])).toBe(
          'expects a string, number, boolean or null, got ["a"]',
        );
        expect(op(name).validateParam({ a: 1 })).toBe(
          'expects a string, number, boolean or null, got {"a":1}',
        );
        expect(op(name).validateParam(undefined)).toMatch(/^expects /);
      },
    );

    it('compares strings case-insensitively', () => {
      expect(run('equals', 'Production', 'production')).toBe(true);
      expect(run('equals', 'production', 'PRODUCTION')).toBe(true);
      expect(run('notEquals', 'Production', 'production')).toBe(false);
    });

    it('compares other values strictly', () => {
      expect(run('equals', 3, 3)).toBe(true);
      expect(run('equals', true, true)).toBe(true);
      expect(run('equals', false, true)).toBe(false);
      expect(run('equals', null, null)).toBe(true);
      expect(run('equals', 'experimental', 'production')).toBe(false);
      expect(run('notEquals', 'experimental', 'production')).toBe(true);
      expect(run('notEquals', 3, 3)).toBe(false);
    });

    it('does not match an absent value (so notEquals passes)', () => {
      expect(run('equals', undefined, 'production')).toBe(false);
      expect(run('notEquals', undefined, 'production')).toBe(true);
    });

    it('describes itself with the JSON parameter', () => {
      expect(op('equals').describe('production')).toBe('to equal "production"');
      expect(op('equals').describe(true)).toBe('to equal true');
      expect(op('notEquals').describe('production')).toBe(
        'not to equal "production"',
      );
    });
  });

  describe('in / notIn', () => {
    it.each(['in', 'notIn'])('%s accepts a list of scalars only', name => {
      expect(op(name).validateParam(['a', 1, true, null])).toBeUndefined();
      expect(op(name).validateParam('a')).toBe(
        'expects a list of values, got "a"',
      );
      expect(op(name).validateParam([{ a: 1 }])).toBe(
        'expects a list of values, got [{"a":1}]',
      );
      expect(op(name).validateParam([['a']])).toMatch(
        /^expects a list of values/,
      );
    });

    it('matches any value of the list, case-insensitively', () => {
      const lifecycles = ['experimental', 'production', 'deprecated'];
      expect(run('in', 'production', lifecycles)).toBe(true);
      expect(run('in', 'PRODUCTION', lifecycles)).toBe(true);
      expect(run('in', 'Production', ['PRODUCTION'])).toBe(true);
      expect(run('in', 'retired', lifecycles)).toBe(false);
      expect(run('in', 2, [1, 2])).toBe(true);
      expect(run('notIn', 'production', lifecycles)).toBe(false);
      expect(run('notIn', 'Production', lifecycles)).toBe(false);
      expect(run('notIn', 'retired', lifecycles)).toBe(true);
    });

    it('does not find an absent value (so notIn passes)', () => {
      expect(run('in', undefined, ['production'])).toBe(false);
      expect(run('notIn', undefined, ['production'])).toBe(true);
    });

    it('describes itself with the JSON list', () => {
      expect(op('in').describe(['a', 'b'])).toBe('to be one of ["a","b"]');
      expect(op('notIn').describe(['a', 'b'])).toBe('to be none of ["a","b"]');
    });
  });

  describe('numeric operators', () => {
    const numeric = [
      'greaterThan',
      'greaterThanOrEqual',
      'lessThan',
      'lessThanOrEqual',
    ];

    it.each(numeric)(
      '%s accepts a finite number and rejects anything else',
      name => {
        for (const good of [0, 5, -1, 0.5]) {
          expect(op(name).validateParam(good)).toBeUndefined();
        }
        expect(op(name).validateParam('5')).toBe('expects a number, got "5"');
        expect(op(name).validateParam(true)).toBe('expects a number, got true');
        expect(op(name).validateParam(null)).toBe('expects a number, got null');
        expect(op(name).validateParam(Infinity)).toMatch(/^expects a number/);
        expect(op(name).validateParam(NaN)).toMatch(/^expects a number/);
      },
    );

    it.each([
      // name, value, param, expected
      ['greaterThan', 6, 5, true],
      ['greaterThan', 5, 5, false],
      ['greaterThan', 4, 5, false],
      ['greaterThanOrEqual', 5, 5, true],
      ['greaterThanOrEqual', 4.99, 5, false],
      ['lessThan', 4, 5, true],
      ['lessThan', 5, 5, false],
      ['lessThanOrEqual', 5, 5, true],
      ['lessThanOrEqual', 5.01, 5, false],
    ] as const)('%s(%p, %p) is %p', (name, value, param, expected) => {
      expect(run(name, value, param)).toBe(expected);
    });

    it('accepts numeric strings, as annotation values are strings', () => {
      expect(run('greaterThanOrEqual', '99.9', 99)).toBe(true);
      expect(run('greaterThanOrEqual', '98.5', 99)).toBe(false);
      expect(run('lessThan', '-2', 0)).toBe(true);
      expect(run('greaterThan', ' 10 ', 9)).toBe(true);
      expect(run('lessThanOrEqual', '3', 3)).toBe(true);
    });

    it.each(numeric)('%s never matches a non-numeric or absent value', name => {
      for (const value of [
        'abc',
        '',
        '  ',
        '99%',
        true,
        null,
        undefined,
        ['1'],
      ] as (FactValue | undefined)[]) {
        // Whatever the comparison, a value that is not a number fails.
        expect(run(name, value, 0)).toBe(false);
        expect(run(name, value, 1e9)).toBe(false);
        expect(run(name, value, -1e9)).toBe(false);
      }
    });

    it('describes each comparison in words', () => {
      expect(op('greaterThan').describe(5)).toBe('to be greater than 5');
      expect(op('greaterThanOrEqual').describe(99)).toBe('to be at least 99');
      expect(op('lessThan').describe(3)).toBe('to be less than 3');
      expect(op('lessThanOrEqual').describe(0.5)).toBe('to be at most 0.5');
    });
  });

  describe('contains', () => {
    it('accepts a scalar parameter only', () => {
      expect(op('contains').validateParam('team')).toBeUndefined();
      expect(op('contains').validateParam(1)).toBeUndefined();
      expect(op('contains').validateParam(['a'])).toBe(
        'expects a value, got ["a"]',
      );
    });

    it('finds an item of a list, case-insensitively', () => {
      expect(run('contains', ['java', 'Tier-1'], 'tier-1')).toBe(true);
      expect(run('contains', ['java'], 'go')).toBe(false);
      expect(run('contains', [], 'go')).toBe(false);
    });

    it('finds a substring of a string', () => {
      expect(run('contains', 'group:default/checkout', 'checkout')).toBe(true);
      expect(run('contains', 'group:default/checkout', 'payments')).toBe(false);
    });

    it('finds a substring case-insensitively, like every string comparison', () => {
      expect(run('contains', 'group:default/Checkout', 'checkout')).toBe(true);
      expect(run('contains', 'https://Wiki.example.com', 'wiki')).toBe(true);
    });

    it('never matches an absent or non-string value', () => {
      expect(run('contains', undefined, 'x')).toBe(false);
      expect(run('contains', null, 'x')).toBe(false);
      expect(run('contains', 12, 1)).toBe(false);
    });

    it('describes itself', () => {
      expect(op('contains').describe('java')).toBe('to contain "java"');
    });
  });

  describe('matches', () => {
    it('accepts a valid regular expression string only', () => {
      expect(op('matches').validateParam('^v\\d+$')).toBeUndefined();
      expect(op('matches').validateParam(1)).toBe(
        'expects a regular expression string, got 1',
      );
      expect(op('matches').validateParam('([a-z')).toMatch(
        /^is not a valid regular expression: /,
      );
    });

    it('prepares the RegExp once, and tests with the prepared RegExp', () => {
      const prepared = op('matches').prepare!('^v\\d+$');
      expect(prepared).toBeInstanceOf(RegExp);
      expect((prepared as RegExp).source).toBe('^v\\d+$');
      // The operator receives the prepared RegExp, not the string.
      expect(op('matches').test('v12', prepared, { now: NOW })).toBe(true);
      expect(op('matches').test('V12', /^v\d+$/i, { now: NOW })).toBe(true);
      expect(op('matches').test('x12', prepared, { now: NOW })).toBe(false);
    });

    it('matches strings only', () => {
      expect(
        run('matches', 'https://runbooks.example.com/x', '^https://'),
      ).toBe(true);
      expect(run('matches', 'http://runbooks', '^https://')).toBe(false);
      expect(run('matches', undefined, '.*')).toBe(false);
      expect(run('matches', null, '.*')).toBe(false);
      expect(run('matches', 12, '\\d+')).toBe(false);
    });

    it('gives the same answer every time (no lastIndex state)', () => {
      const prepared = op('matches').prepare!('a');
      for (let i = 0; i < 3; i++) {
        expect(op('matches').test('a', prepared, { now: NOW })).toBe(true);
      }
    });

    it('describes itself', () => {
      expect(op('matches').describe('^v\\d+$')).toBe('to match /^v\\d+$/');
    });
  });

  describe('newerThanDays / olderThanDays', () => {
    it.each(['newerThanDays', 'olderThanDays'])(
      '%s accepts a number of days ≥ 0',
      name => {
        expect(op(name).validateParam(0)).toBeUndefined();
        expect(op(name).validateParam(30)).toBeUndefined();
        expect(op(name).validateParam(-1)).toBe(
          'expects a number of days ≥ 0, got -1',
        );
        expect(op(name).validateParam('30')).toBe(
          'expects a number of days ≥ 0, got "30"',
        );
        expect(op(name).validateParam(NaN)).toMatch(/^expects a number/);
      },
    );

    it('compares the age of a timestamp with a fixed now', () => {
      expect(run('newerThanDays', daysAgo(10), 30)).toBe(true);
      expect(run('newerThanDays', daysAgo(31), 30)).toBe(false);
      expect(run('olderThanDays', daysAgo(31), 30)).toBe(true);
      expect(run('olderThanDays', daysAgo(10), 30)).toBe(false);
    });

    it('counts exactly the limit as newer, not older', () => {
      expect(run('newerThanDays', daysAgo(30), 30)).toBe(true);
      expect(run('olderThanDays', daysAgo(30), 30)).toBe(false);
    });

    it('depends on now', () => {
      const value = '2026-10-01T00:00:00Z';
      expect(run('newerThanDays', value, 30, Date.parse('2026-10-15'))).toBe(
        true,
      );
      expect(run('newerThanDays', value, 30, Date.parse('2026-12-15'))).toBe(
        false,
      );
    });

    it('reads calendar dates as well as timestamps', () => {
      expect(run('newerThanDays', '2026-11-20', 7)).toBe(true);
      expect(run('olderThanDays', '2025-11-20', 365)).toBe(true);
    });

    it('never matches an absent or unparseable value', () => {
      for (const value of [undefined, null, 'soon', '', 12345, true]) {
        expect(run('newerThanDays', value as FactValue, 30)).toBe(false);
        expect(run('olderThanDays', value as FactValue, 30)).toBe(false);
      }
    });

    it('describes itself', () => {
      expect(op('newerThanDays').describe(30)).toBe('to be newer than 30 days');
      expect(op('olderThanDays').describe(7)).toBe('to be older than 7 days');
    });
  });
});
