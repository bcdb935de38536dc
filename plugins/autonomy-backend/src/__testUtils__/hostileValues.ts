import fc from 'fast-check';
import { resolve, type Schema } from './specOperations';

/**
 * One hostile request part. `names` is what a 400 must name (the parameter or the property), so
 * "must NOT have additional properties" without the property would fail the suite.
 */
export interface HostileCase {
  label: string;
  names: string[];
}

const RANDOM_SEED = 20261126;

/** Strings a careless or malicious caller sends: control characters, unicode, SQL, paths. */
export const hostileStrings: string[] = [
  '',
  ' ',
  'x'.repeat(5000),
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m',
  '\u202eevil\u202c',
  'ünïcødé ✓ 🚀',
  '\ud800',
  '../../etc/passwd',
  '%',
  '_',
  '%25%00',
  "' OR 1=1 --",
  '"; DROP TABLE entity_scores; --',
  '__proto__',
  'constructor',
  // A script address, as a link or decision record would carry it (never run: only sent).
  ['javascript', 'alert(1)'].join(':'),
  '=cmd|"/c calc"!A1',
  // Generated, but the same on every run: a failure names a value that can be replayed.
  ...fc.sample(fc.string({ unit: 'binary', maxLength: 40 }), {
    seed: RANDOM_SEED,
    numRuns: 8,
  }),
];

/** Numbers as query text: non-finite, huge, fractional and not numbers at all. */
export const hostileNumbers: string[] = [
  'abc',
  '',
  '1.5',
  '-1',
  '-0',
  '1e400',
  '-1e400',
  'Infinity',
  '-Infinity',
  'NaN',
  '9223372036854775808',
  '18446744073709551616',
  '0x10',
  ' 5',
];

/** Query values for a parameter of this schema: each is sent alone, the rest left out. */
export function hostileQueryValues(schema: Schema): (string | string[])[] {
  const resolved = resolve(schema);
  const item = resolve(resolved.items);
  const numeric = (s: Schema) =>
    s.type === 'integer' || s.type === 'number' ? hostileNumbers : [];
  if (resolved.type === 'array') {
    return [
      ...numeric(item),
      ...hostileStrings,
      Array.from({ length: 60 }, (_, i) => `ref${i}`),
      ['a', '\u0000'],
    ];
  }
  return [...numeric(resolved), ...hostileStrings, ['one', 'two']];
}

/** JSON text, where `1e400` stands for a number no JSON encoder writes. */
type RawJson = { raw: string };

const nested = (depth: number) =>
  `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** A value of another type, or out of every bound, for a property of this schema. */
function hostilePropertyValues(schema: Schema): unknown[] {
  const resolved = resolve(schema);
  const values: unknown[] = [
    null,
    { raw: '1e400' },
    { raw: '-1e400' },
    2 ** 63,
    -1,
    true,
    'x'.repeat(5000),
    'a\u0000b',
    '\u202eevil',
    '2026-02-30T10:00:00Z',
    '2026-11-31',
    '+275760-09-13T00:00:00.000Z',
    [],
    { raw: nested(200) },
  ];
  if (resolved.type !== 'string') values.push('not a number or object');
  return values;
}

export interface BodyCase extends HostileCase {
  /** The request body as sent (text) and its content type. */
  text: string;
  contentType: string;
}

function serialise(body: Record<string, unknown>): string {
  const raws: string[] = [];
  const text = JSON.stringify(body, (_key, value) => {
    if (value && typeof value === 'object' && 'raw' in value) {
      raws.push((value as RawJson).raw);
      return `__raw_${raws.length - 1}__`;
    }
    return value;
  });
  return text.replace(/"__raw_(\d+)__"/g, (_, i) => raws[Number(i)]);
}

/**
 * Bodies built from a valid `baseline`: each property replaced by hostile values, unknown and
 * prototype-polluting properties added, and bodies that are not objects or not JSON at all.
 */
export function hostileBodies(
  schema: Schema,
  baseline: Record<string, unknown>,
): BodyCase[] {
  const json = 'application/json';
  const cases: BodyCase[] = [];
  for (const [property, propertySchema] of Object.entries(
    schema.properties ?? {},
  )) {
    hostilePropertyValues(propertySchema).forEach((value, i) =>
      cases.push({
        label: `${property} = hostile value ${i}`,
        names: [property],
        text: serialise({ ...baseline, [property]: value }),
        contentType: json,
      }),
    );
  }
  for (const extra of ['__proto__', 'constructor', 'colour']) {
    cases.push({
      label: `extra property ${extra}`,
      names: [extra],
      text: serialise(baseline).replace(
        /^\{/,
        `{"${extra}":{"prototype":{"polluted":true},"polluted":true}${
          Object.keys(baseline).length ? ',' : ''
        }`,
      ),
      contentType: json,
    });
  }
  const whole: [string, string, string][] = [
    ['nested 5,000 deep', nested(5000), json],
    [
      'array nested 20,000 deep',
      `${'['.repeat(20000)}${']'.repeat(20000)}`,
      json,
    ],
    ['truncated JSON', '{"entityRef":', json],
    ['null', 'null', json],
    ['array', '[]', json],
    ['string', '"text"', json],
    ['number', '12', json],
    ['empty', '', json],
    ['text/plain', serialise(baseline), 'text/plain'],
    ['form', 'a=1&b=2', 'application/x-www-form-urlencoded'],
  ];
  for (const [label, text, contentType] of whole) {
    cases.push({ label, names: [], text, contentType });
  }
  return cases;
}
