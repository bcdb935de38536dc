import { batchJson } from './analysisRuns';

describe('batchJson', () => {
  const doc = JSON.stringify({ m: 'says "hello"', n: [1, 2] });

  it('splices JSON text columns in as JSON and writes the rest as JSON.stringify would', () => {
    const rows = [
      { id: 'a', doc, n: 1, tags: ['x'], gone: undefined },
      { id: 'b', doc: null, n: 2, tags: [], gone: undefined },
      // PostgreSQL refuses a NUL escape inside a spliced value: it goes as an escaped string.
      { id: 'c', doc: '{"m":"\\u0000"}', n: 3, tags: [], gone: undefined },
    ];
    expect(JSON.parse(batchJson(rows, ['doc']))).toEqual([
      { id: 'a', doc: JSON.parse(doc), n: 1, tags: ['x'] },
      { id: 'b', doc: null, n: 2, tags: [] },
      { id: 'c', doc: '{"m":"\\u0000"}', n: 3, tags: [] },
    ]);
    expect(JSON.parse(batchJson([{ doc }], ['doc']))).toEqual([
      { doc: JSON.parse(doc) },
    ]);
    expect(batchJson([], ['doc'])).toBe('[]');
  });

  it('leaves the rows given as they were, even when one cannot be serialized', () => {
    const rows = [
      { id: 'a', doc, n: 1 },
      { id: 'b', doc, n: BigInt(2) },
    ];
    expect(() => batchJson(rows, ['doc'])).toThrow(TypeError);
    expect(rows).toEqual([
      { id: 'a', doc, n: 1 },
      { id: 'b', doc, n: BigInt(2) },
    ]);
  });
});
