import fc from 'fast-check';
import type { FactSourceSchema } from './facts';
import { validatePushedFacts } from './validatePushedFacts';

/*
 * Properties of the fact validator over pushes nobody wrote by hand: it never throws, every
 * problem names the field it is about, and what it accepts is of the declared type and range.
 */

const NOW = new Date('2026-11-26T12:00:00Z');
const chaos: FactSourceSchema = {
  id: 'chaos',
  maxAgeDays: 30,
  fields: {
    passRate: { type: 'number', min: 0, max: 1 },
    lastRunAt: 'datetime',
    tool: { type: 'string', enum: ['gremlin', 'litmus'] },
    green: 'boolean',
    regions: 'string-array',
  },
};
const sources = new Map([[chaos.id, chaos]]);
const fieldNames = Object.keys(chaos.fields);

/** Values of any JSON type, and the ones a careless tool sends. */
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    NaN,
    Infinity,
    -1,
    1.5,
    '2026-02-30',
    '2026-02-30T10:00:00Z',
    '2999-01-01T00:00:00Z',
    'gremlin',
    ['gremlin', 'x'],
  ),
);
const values = fc.dictionary(
  fc.oneof(
    fc.constantFrom(...fieldNames, '__proto__', 'constructor'),
    fc.string(),
  ),
  anyValue,
  { maxKeys: 6 },
);

describe('validatePushedFacts, for any push', () => {
  it('never throws, and every problem names the field or part it is about', () => {
    fc.assert(
      fc.property(
        values,
        fc.option(
          fc.oneof(
            fc.string(),
            fc.date().map(d => d.toString()),
          ),
        ),
        (pushed, observedAt) => {
          const { problems } = validatePushedFacts(
            {
              entityRef: 'component:default/a',
              source: 'chaos',
              values: pushed as any,
              ...(observedAt === null ? {} : { observedAt }),
            },
            sources,
            NOW,
          );
          for (const problem of problems)
            expect(problem).toMatch(/^(values\.|values is empty|observedAt)/);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('accepts only values of the declared type and range', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fieldNames), anyValue, (name, value) => {
        const { problems } = validatePushedFacts(
          {
            entityRef: 'component:default/a',
            source: 'chaos',
            values: { [name]: value } as any,
          },
          sources,
          NOW,
        );
        if (problems.length || value === null) return;
        const accepted: Record<string, (v: any) => boolean> = {
          passRate: v => Number.isFinite(v) && v >= 0 && v <= 1,
          // On the calendar (no 30 February rolled over into March), and not in the future.
          lastRunAt: v =>
            typeof v === 'string' &&
            !Number.isNaN(Date.parse(v)) &&
            new Date(Date.parse(v)).toISOString().slice(0, 10) ===
              v.slice(0, 10) &&
            Date.parse(v) <= NOW.getTime() + 5 * 60_000,
          tool: v => v === 'gremlin' || v === 'litmus',
          green: v => typeof v === 'boolean',
          regions: v => Array.isArray(v) && v.every(i => typeof i === 'string'),
        };
        expect(accepted[name](value)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
