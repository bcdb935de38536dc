import {
  boundaryMap,
  CHECKOUT,
  PAYMENTS,
  PLATFORM,
} from '../../testUtils/boundaryFixtures';
import {
  buildBoundaryGraph,
  edgeLabel,
  groupByDepartment,
} from './buildBoundaryGraph';

describe('edgeLabel', () => {
  it('names every non-zero count, healthy first', () => {
    expect(edgeLabel({ healthy: 2, contractGap: 0, violation: 1 })).toBe(
      '2 healthy · 1 violation',
    );
    expect(edgeLabel({ healthy: 1, contractGap: 2, violation: 3 })).toBe(
      '1 healthy · 2 contract gaps · 3 violations',
    );
    expect(edgeLabel({ healthy: 0, contractGap: 1, violation: 0 })).toBe(
      '1 contract gap',
    );
  });
});

describe('buildBoundaryGraph', () => {
  it('makes a node per team, labelled by name with type and size, and an edge per team pair', () => {
    const { nodes, edges } = buildBoundaryGraph(boundaryMap());
    expect(nodes).toEqual([
      {
        id: CHECKOUT,
        title: 'Checkout team',
        detail: 'Stream-aligned · 7 entities',
      },
      { id: PAYMENTS, title: 'Payments team', detail: '4 entities' },
      {
        id: PLATFORM,
        title: 'Platform team',
        detail: 'Platform · 12 entities',
      },
    ]);
    expect(edges).toEqual([
      {
        from: CHECKOUT,
        to: PAYMENTS,
        label: '2 healthy · 1 violation',
        healthy: 2,
        contractGap: 0,
        violation: 1,
        hasViolation: true,
      },
      {
        from: CHECKOUT,
        to: PLATFORM,
        label: '3 contract gaps',
        healthy: 0,
        contractGap: 3,
        violation: 0,
        hasViolation: false,
      },
    ]);
  });

  it('adds a node for a team only named by an edge, and drops self and empty edges', () => {
    const { nodes, edges } = buildBoundaryGraph({
      teams: [{ teamRef: CHECKOUT, title: '', ownedEntities: 1 }],
      edges: [
        {
          fromTeamRef: CHECKOUT,
          toTeamRef: 'group:shop/ghosts',
          healthy: 0,
          contractGap: 0,
          violation: 2,
        },
        {
          fromTeamRef: CHECKOUT,
          toTeamRef: CHECKOUT,
          healthy: 1,
          contractGap: 0,
          violation: 0,
        },
        {
          fromTeamRef: CHECKOUT,
          toTeamRef: PAYMENTS,
          healthy: 0,
          contractGap: 0,
          violation: 0,
        },
      ],
      evaluatedAt: '2026-01-10T08:00:00Z',
    });
    expect(nodes.map(n => [n.id, n.title, n.detail])).toEqual([
      [CHECKOUT, 'checkout', '1 entity'],
      ['group:shop/ghosts', 'ghosts', 'not analysed'],
    ]);
    expect(edges.map(e => [e.from, e.to, e.label])).toEqual([
      [CHECKOUT, 'group:shop/ghosts', '2 violations'],
    ]);
  });
});

describe('teams without cross-team dependencies', () => {
  const team = (name: string, department?: string) => ({
    teamRef: `group:default/${name}`,
    title: name,
    ownedEntities: 2,
    ...(department && {
      department: { ref: `group:default/${department}`, title: department },
    }),
  });
  const map = {
    teams: [
      team('checkout', 'Commerce'),
      team('payments', 'Commerce'),
      team('search', 'Commerce'),
      team('wiki', 'Engineering'),
      team('billing', 'Commerce'),
      team('lonely'),
    ],
    edges: [
      {
        fromTeamRef: 'group:default/checkout',
        toTeamRef: 'group:default/payments',
        healthy: 1,
        contractGap: 0,
        violation: 0,
      },
    ],
    evaluatedAt: '2026-01-10T08:00:00Z',
  };

  it('are left out of the graph and returned apart, with their department', () => {
    const { nodes, unconnected } = buildBoundaryGraph(map);
    expect(nodes.map(n => n.title)).toEqual(['checkout', 'payments']);
    expect(nodes[0].department).toBe('Commerce');
    expect(unconnected.map(n => [n.title, n.department])).toEqual([
      ['search', 'Commerce'],
      ['wiki', 'Engineering'],
      ['billing', 'Commerce'],
      ['lonely', undefined],
    ]);
  });

  it('are grouped by department, by title, teams without one last', () => {
    const { unconnected } = buildBoundaryGraph(map);
    expect(
      groupByDepartment(unconnected).map(g => [
        g.department,
        g.teams.map(t => t.title),
      ]),
    ).toEqual([
      ['Commerce', ['billing', 'search']],
      ['Engineering', ['wiki']],
      [undefined, ['lonely']],
    ]);
  });
});
