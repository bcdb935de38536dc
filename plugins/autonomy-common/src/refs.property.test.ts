import fc from 'fast-check';
import { parseRefOfKind } from './refs';

/*
 * Properties of entity-ref parsing over strings nobody wrote by hand: it never throws, what it
 * returns is a full reference of the asked kind that parses back to itself, and every well-formed
 * reference is read.
 */

/** Catalog names: alphanumerics joined by single separators (`-`, `_`, `.`). */
const joined = (separators: string[]) =>
  fc
    .array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 4 })
    .chain(words =>
      fc
        .array(fc.constantFrom(...separators), {
          minLength: words.length - 1,
          maxLength: words.length - 1,
        })
        .map(seps => words.map((w, i) => (i ? seps[i - 1] : '') + w).join('')),
    );
const namePart = joined(['-', '_', '.']);
const namespacePart = joined(['-']);

describe('parseRefOfKind, for any text', () => {
  it('never throws, and a reference it returns is full, of the kind, and stable', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc
            .tuple(fc.string(), fc.string(), fc.string())
            .map(([k, n, m]) => `${k}:${n}/${m}`),
        ),
        text => {
          const parsed = parseRefOfKind(text, 'group');
          if ('problem' in parsed)
            return ['not-a-reference', 'other-kind'].includes(parsed.problem);
          const again = parseRefOfKind(parsed.ref, 'group');
          return (
            /^group:[^:/]+\/[^:/]+$/.test(parsed.ref) &&
            'ref' in again &&
            again.ref === parsed.ref
          );
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads every well-formed reference, short or full', () => {
    fc.assert(
      fc.property(namespacePart, namePart, (namespace, name) => {
        expect(parseRefOfKind(`group:${namespace}/${name}`, 'group')).toEqual({
          ref: `group:${namespace}/${name}`,
        });
        expect(parseRefOfKind(name, 'group', namespace)).toEqual({
          ref: `group:${namespace}/${name}`,
        });
        expect(
          parseRefOfKind(`component:${namespace}/${name}`, 'group'),
        ).toEqual({ problem: 'other-kind' });
      }),
      { numRuns: 1000 },
    );
  });
});
