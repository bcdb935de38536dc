import { campaignProgress, daysUntil } from './campaignProgress';

const candidate = (
  name: string,
  ownerRef: string | undefined,
  states: Record<string, string>,
) => ({
  entityRef: `component:default/${name}`,
  title: name,
  ownerRef,
  results: Object.entries(states).map(([guardrailId, state]) => ({
    guardrailId,
    state: state as any,
    ...(state === 'pass' ? {} : { message: `${guardrailId} ${state}` }),
  })),
});

describe('campaignProgress', () => {
  const campaign = { guardrailIds: ['has-slo', 'chaos'] };

  it('counts entities done (every applicable campaign guardrail passes or is exempt) per team and overall', () => {
    const progress = campaignProgress(campaign, [
      candidate('a', 'group:default/checkout', {
        'has-slo': 'pass',
        chaos: 'exempt',
      }),
      candidate('b', 'group:default/checkout', {
        'has-slo': 'warning',
        owned: 'fail',
      }),
      candidate('c', 'group:default/search', {
        'has-slo': 'pass',
        owned: 'fail',
      }),
      candidate('d', undefined, { chaos: 'unknown' }),
      // No campaign guardrail applies: not in scope.
      candidate('e', 'group:default/search', { owned: 'fail' }),
    ]);
    expect(progress.done).toBe(2);
    expect(progress.total).toBe(4);
    expect(progress.teams).toEqual([
      { teamRef: '', done: 0, total: 1 },
      { teamRef: 'group:default/checkout', done: 1, total: 2 },
      { teamRef: 'group:default/search', done: 1, total: 1 },
    ]);
    expect(progress.members.map(m => [m.entityRef, m.done])).toEqual([
      ['component:default/a', true],
      ['component:default/b', false],
      ['component:default/c', true],
      ['component:default/d', false],
    ]);
    expect(progress.members[1].failing).toEqual([
      { guardrailId: 'has-slo', state: 'warning', message: 'has-slo warning' },
    ]);
  });

  it('is empty without entities in scope', () => {
    expect(campaignProgress(campaign, [])).toEqual({
      done: 0,
      total: 0,
      teams: [],
      members: [],
    });
  });
});

describe('daysUntil', () => {
  it('counts whole days to the deadline, 0 on the day and negative after', () => {
    expect(daysUntil('2027-03-31', '2027-03-17')).toBe(14);
    expect(daysUntil('2027-03-31', '2027-03-31')).toBe(0);
    expect(daysUntil('2026-11-01', '2026-11-26')).toBe(-25);
  });
});
