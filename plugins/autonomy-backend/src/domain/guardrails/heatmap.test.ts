import { buildHeatmap } from './heatmap';

const definitions = [
  { id: 'owner-is-team', title: 'Owned by a team', level: 'bronze' },
  { id: 'has-runbook', title: 'Has a runbook', level: 'silver' },
];

describe('buildHeatmap', () => {
  it('counts each team × guardrail per state, with the share that passes or is exempt', () => {
    const heatmap = buildHeatmap(
      [
        {
          ownerRef: 'group:default/b',
          guardrailId: 'owner-is-team',
          state: 'pass',
          count: 2,
        },
        {
          ownerRef: 'group:default/b',
          guardrailId: 'owner-is-team',
          state: 'exempt',
          count: 1,
        },
        {
          ownerRef: 'group:default/b',
          guardrailId: 'owner-is-team',
          state: 'fail',
          count: 3,
        },
        {
          ownerRef: 'group:default/a',
          guardrailId: 'has-runbook',
          state: 'unknown',
          count: 1,
        },
      ],
      definitions,
    );
    expect(heatmap.teams).toEqual(['group:default/a', 'group:default/b']);
    expect(heatmap.guardrails).toEqual(definitions);
    expect(heatmap.cells).toEqual([
      {
        ownerRef: 'group:default/b',
        guardrailId: 'owner-is-team',
        counts: { pass: 2, exempt: 1, fail: 3 },
        total: 6,
        metShare: 0.5,
      },
      {
        ownerRef: 'group:default/a',
        guardrailId: 'has-runbook',
        counts: { unknown: 1 },
        total: 1,
        metShare: 0,
      },
    ]);
  });

  it('rounds the share to three decimals and has no cells without results', () => {
    const [cell] = buildHeatmap(
      [
        {
          ownerRef: 'group:default/a',
          guardrailId: 'x',
          state: 'pass',
          count: 1,
        },
        {
          ownerRef: 'group:default/a',
          guardrailId: 'x',
          state: 'fail',
          count: 2,
        },
      ],
      [],
    ).cells;
    expect(cell.metShare).toBe(0.333);
    expect(buildHeatmap([], definitions)).toEqual({
      teams: [],
      guardrails: definitions,
      cells: [],
    });
  });
});
