import { rowOf, SCORE_COLUMNS } from './scoreRows';

const header = {
  entityRef: 'component:default/payments',
  kind: 'Component',
  title: 'Payments',
  ownerRef: 'group:default/team-a',
  systemRef: undefined,
  domainRef: 'domain:default/money',
  level: 'silver',
  levelIndex: 1,
  score: 0.75,
  counts: {
    pass: 3,
    fail: 1,
    warning: 0,
    exempt: 0,
    unknown: 0,
    error: 0,
    'not-applicable': 0,
  },
  failingGuardrailIds: ['has-owner'],
  blockingNext: ['has-docs'],
};

describe('rowOf', () => {
  it('has every column of an entity row, in order', () => {
    const row = rowOf(header, '{"results":[]}', ['fail:has-owner'], 'T', true);
    expect(Object.keys(row)).toEqual([...SCORE_COLUMNS]);
  });

  it('hashes a row given without an outcome hash as earlier releases stored it', () => {
    // Computed by the release before rows were built as one literal: a changed hash would make
    // every such stored row look changed to the next run.
    const row = rowOf(
      header,
      '{"results":[]}',
      ['fail:has-owner'],
      '2026-11-27T00:00:00.000Z',
      true,
    );
    expect(row.content_hash).toBe('cT4w84suD3mUOYB8rjijc5Lv0Fc=');
    expect(row.system_ref).toBeNull();
    expect(row.states).toEqual(['fail:has-owner']);
  });

  it('keeps the outcome hash it is given and writes SQLite tokens as text', () => {
    const row = rowOf(header, '{}', ['pass:a', 'fail:b'], 'T', false, 'h', {
      inputKey: 'k',
      recheckAt: Date.UTC(2026, 10, 27),
    });
    expect(row).toMatchObject({
      content_hash: 'h',
      states: '|pass:a|fail:b|',
      input_key: 'k',
      recheck_at: '2026-11-27T00:00:00.000Z',
    });
  });
});
