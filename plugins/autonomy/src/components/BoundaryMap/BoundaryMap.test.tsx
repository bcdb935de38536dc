import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { autonomyApiRef, type AutonomyApi } from '../../api/AutonomyApi';
import { fakeAutonomyApi } from '../../testUtils/fakeAutonomyApi';
import { boundaryMap } from '../../testUtils/boundaryFixtures';
import { BoundaryMap } from './BoundaryMap';

// jsdom has no SVG layout; the graph measures its nodes and labels with getBBox.
beforeAll(() => {
  Object.defineProperty(window.SVGElement.prototype, 'getBBox', {
    configurable: true,
    value: () => ({ x: 0, y: 0, width: 120, height: 40 }),
  });
});
afterAll(() => {
  delete (window.SVGElement.prototype as any).getBBox;
});

async function renderMap(api: AutonomyApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[autonomyApiRef, api]]}>
      <BoundaryMap />
    </TestApiProvider>,
  );
}

describe('BoundaryMap', () => {
  it('draws teams as nodes labelled by name, and edges labelled with counts', async () => {
    const api = fakeAutonomyApi({ getBoundaryMap: async () => boundaryMap() });
    await renderMap(api);
    const graph = await screen.findByRole('img', { name: /^Boundary map:/ });
    expect(graph.tagName).toBe('svg');
    expect(graph).toHaveAccessibleName(
      'Boundary map: 3 teams and 2 team-to-team dependencies, listed in the table below',
    );
    expect(await within(graph).findByText('Checkout team')).toBeInTheDocument();
    expect(within(graph).getByText('Payments team')).toBeInTheDocument();
    expect(within(graph).getByText('Platform team')).toBeInTheDocument();
    expect(
      within(graph).getByText('Platform · 12 entities'),
    ).toBeInTheDocument();

    const violation = await within(graph).findByText('2 healthy · 1 violation');
    expect(violation).toHaveAttribute('data-violation', 'true');
    const gaps = within(graph).getByText('3 contract gaps');
    expect(gaps).not.toHaveAttribute('data-violation');
    expect(api.getBoundaryMap).toHaveBeenCalledTimes(1);
  });

  it('explains the map in a legend, with each health as icon and word', async () => {
    await renderMap(
      fakeAutonomyApi({ getBoundaryMap: async () => boundaryMap() }),
    );
    const legend = await screen.findByRole('region', { name: 'Legend' });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'Healthy: through an API of the other team that declares an SLA',
      'Contract gap: through an API of the other team without an SLA',
      "Boundary violation: directly on another team's component or resource",
    ]);
  });

  it('lists the same dependencies in a table, violations first', async () => {
    await renderMap(
      fakeAutonomyApi({ getBoundaryMap: async () => boundaryMap() }),
    );
    const table = await screen.findByRole('table', {
      name: 'Dependencies between teams',
    });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(r =>
        within(r)
          .getAllByRole('cell')
          .map(c => c.textContent),
      );
    expect(rows).toEqual([
      ['Checkout team', 'Payments team', '2', '0', '1'],
      ['Checkout team', 'Platform team', '0', '3', '0'],
    ]);
  });

  it('says so when no dependency crosses a team boundary', async () => {
    await renderMap(
      fakeAutonomyApi({
        getBoundaryMap: async () => ({ ...boundaryMap(), edges: [] }),
      }),
    );
    expect(
      await screen.findByText(/No dependencies cross a team boundary/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Dependencies between teams' }),
    ).not.toBeInTheDocument();
  });

  it('shows an empty state without teams', async () => {
    await renderMap(
      fakeAutonomyApi({
        getBoundaryMap: async () => ({
          ...boundaryMap(),
          teams: [],
          edges: [],
        }),
      }),
    );
    expect(await screen.findByText('No teams to map yet')).toBeInTheDocument();
  });

  it('shows the error when the API fails', async () => {
    await renderMap(
      fakeAutonomyApi({
        getBoundaryMap: () =>
          Promise.reject(new Error('Autonomy backend unavailable')),
      }),
    );
    expect(
      await screen.findAllByText(/Autonomy backend unavailable/),
    ).not.toHaveLength(0);
  });

  it('draws only connected teams on a large catalog and summarises the rest by department', async () => {
    // A real catalog's shape: 150 teams in 5 departments, 6 cross-team dependencies.
    const teams = Array.from({ length: 150 }, (_, i) => ({
      teamRef: `group:default/team-${i}`,
      title: `Team ${i}`,
      ownedEntities: 3,
      department: {
        ref: `group:default/dept-${i % 5}`,
        title: `Department ${i % 5}`,
      },
    }));
    const edges = [0, 1, 2, 3, 4, 5].map(i => ({
      fromTeamRef: `group:default/team-${i}`,
      toTeamRef: `group:default/team-${i + 10}`,
      healthy: 1,
      contractGap: 0,
      violation: i === 0 ? 1 : 0,
    }));
    await renderMap(
      fakeAutonomyApi({
        getBoundaryMap: async () => ({
          teams,
          edges,
          evaluatedAt: '2026-01-10T08:00:00Z',
        }),
      }),
    );
    const graph = await screen.findByRole('img', { name: /^Boundary map:/ });
    expect(graph).toHaveAccessibleName(
      'Boundary map: 12 teams and 6 team-to-team dependencies, listed in the table below',
    );
    expect(within(graph).queryByText('Team 100')).not.toBeInTheDocument();
    expect(
      screen.getByText(/12 teams of 150 depend on another team/),
    ).toBeInTheDocument();
    const summary = screen.getByRole('region', {
      name: '138 teams without cross-team dependencies',
    });
    expect(
      within(summary)
        .getAllByRole('heading', { level: 4 })
        .map(h => h.textContent),
    ).toEqual([
      'Department 0 (26)',
      'Department 1 (28)',
      'Department 2 (28)',
      'Department 3 (28)',
      'Department 4 (28)',
    ]);
    expect(within(summary).getByText(/Team 100/)).toBeInTheDocument();
  });
});
