import type { CompiledGuardrails } from './compileGuardrails';
import { perGuardrailSet, textByState } from './perGuardrailSet';

describe('perGuardrailSet', () => {
  it('makes its value once per compiled set', () => {
    const make = jest.fn((c: CompiledGuardrails) => ({ fp: c.fingerprint }));
    const of = perGuardrailSet(make);
    const a = { fingerprint: 'a' } as CompiledGuardrails;
    const b = { fingerprint: 'b' } as CompiledGuardrails;
    expect(of(a)).toEqual({ fp: 'a' });
    expect(of(a)).toBe(of(a));
    expect(of(b)).toEqual({ fp: 'b' });
    expect(make).toHaveBeenCalledTimes(2);
  });

  it('writes a text for every guardrail state', () => {
    expect(textByState(s => `g:${s}`)).toEqual({
      pass: 'g:pass',
      fail: 'g:fail',
      warning: 'g:warning',
      'not-applicable': 'g:not-applicable',
      exempt: 'g:exempt',
      unknown: 'g:unknown',
      error: 'g:error',
    });
  });
});
