import { findNul } from './nulCharacters';

describe('findNul', () => {
  it('names the first string or key holding NUL, however deep', () => {
    expect(findNul({ a: ['ok', 'b\u0000'] }, 'request/body')).toBe(
      'request/body/a/1',
    );
    expect(findNul({ 'k\u0000': 1 }, 'request/query')).toBe('request/query');
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    expect(findNul(deep, 'b')).toMatch(/^b(\/d)+$/);
  });

  it('passes values without NUL', () => {
    expect(findNul({ a: ['ünïcødé', 1, null, true] }, 'request/body')).toBe(
      undefined,
    );
  });
});
