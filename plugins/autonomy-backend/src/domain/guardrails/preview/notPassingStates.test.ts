import { NotPassingStates } from './notPassingStates';

describe('NotPassingStates', () => {
  const states = new NotPassingStates(
    'check-1:fail|ns:check:unknown|check-10:warning|*:fail|*:pass',
  );

  it('answers one guardrail state without mistaking a longer id for it', () => {
    expect(states.get('check-1')).toBe('fail');
    expect(states.get('check-10')).toBe('warning');
    expect(states.get('ns:check')).toBe('unknown');
    expect(states.get('ns')).toBeUndefined();
    expect(states.get('check')).toBeUndefined();
    expect(states.get('check-2')).toBeUndefined();
  });

  it('lists every non-passing state, skipping the entity-wide tokens', () => {
    expect([...states]).toEqual([
      ['check-1', 'fail'],
      ['ns:check', 'unknown'],
      ['check-10', 'warning'],
    ]);
    // Listed again from the same parse.
    expect([...states]).toEqual([...states]);
    expect(new Map(states).get('check-10')).toBe('warning');
  });

  it('reads an entity with no tokens as all passing', () => {
    const none = new NotPassingStates('');
    expect(none.get('check-1')).toBeUndefined();
    expect([...none]).toEqual([]);
  });
});
