import { HeatmapTally } from './aggregates';

describe('HeatmapTally.merge', () => {
  it('adds up the tallies of shards that list guardrails in different orders', () => {
    const first = new HeatmapTally(['g-a', 'g-b']);
    first.add('group:default/one', [0, 1], ['pass', 'fail']);
    first.add('group:default/one', [0, 1], ['pass', 'pass']);
    first.add('group:default/two', [1], ['unknown']);
    first.add(undefined, [0], ['fail']);
    const second = new HeatmapTally(['g-b', 'g-a']);
    second.add('group:default/one', [0, 1], ['fail', 'warning']);
    second.addResults('group:default/three', [
      { guardrailId: 'g-c', state: 'exempt' },
    ]);

    const merged = HeatmapTally.merge([first.serialize(), second.serialize()]);

    expect(Object.fromEntries(merged)).toEqual({
      'group:default/one\ng-a\npass': 2,
      'group:default/one\ng-a\nwarning': 1,
      'group:default/one\ng-b\nfail': 2,
      'group:default/one\ng-b\npass': 1,
      'group:default/two\ng-b\nunknown': 1,
      'group:default/three\ng-c\nexempt': 1,
    });
  });

  it('merges no tallies into no cells', () => {
    expect(HeatmapTally.merge([]).size).toBe(0);
  });
});
