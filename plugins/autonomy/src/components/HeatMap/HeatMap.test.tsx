import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { autonomyApiRef, type AutonomyApi } from '../../api/AutonomyApi';
import { fakeAutonomyApi } from '../../testUtils/fakeAutonomyApi';
import { heatmap } from '../../testUtils/scorecardFixtures';
import { HeatMap } from './HeatMap';

async function renderHeatMap(api: AutonomyApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[autonomyApiRef, api]]}>
      <HeatMap />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('HeatMap', () => {
  it('is a table of teams × guardrails with the share met as text in each cell', async () => {
    const api = fakeAutonomyApi({ getHeatmap: async () => heatmap() });
    await renderHeatMap(api);

    const table = await screen.findByRole('table');
    expect(api.getHeatmap).toHaveBeenCalledTimes(1);
    expect(
      within(table).getByText(/Share of each team's results that pass/),
    ).toBeInTheDocument();

    // Header row: a corner, then one column header per guardrail, with its level.
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map(h => h.textContent)).toEqual([
      'Team',
      'Owned by a teamBronze',
      'Has a runbookSilver',
    ]);
    headers.forEach(h => expect(h).toHaveAttribute('scope', 'col'));

    // One row per team, headed by the team's link, the team meeting least first.
    const rowHeaders = within(table).getAllByRole('rowheader');
    expect(rowHeaders).toHaveLength(2);
    rowHeaders.forEach(h => expect(h).toHaveAttribute('scope', 'row'));
    expect(
      within(rowHeaders[0]).getByRole('link', { name: /payments/ }),
    ).toHaveAttribute('href', '/catalog/default/group/payments');
    expect(
      within(rowHeaders[1]).getByRole('link', { name: /checkout/ }),
    ).toHaveAttribute('href', '/catalog/default/group/checkout');

    const [, payments, checkout] = within(table).getAllByRole('row');
    const checkoutCells = within(checkout).getAllByRole('cell');
    expect(checkoutCells.map(c => c.textContent)).toEqual([
      '80%4 of 5',
      '67%2 of 3',
    ]);
    expect(checkoutCells[0]).toHaveAttribute('title', 'Pass 4, Fail 1');
    const paymentsCells = within(payments).getAllByRole('cell');
    expect(paymentsCells.map(c => c.textContent)).toEqual(['0%0 of 2', 'n/a']);
    expect(screen.getByText(/^Evaluated/)).toBeInTheDocument();
  });

  it('pages teams, least met first, so a large organisation stays readable', async () => {
    const teams = Array.from(
      { length: 25 },
      (_, i) => `group:default/team-${String(i).padStart(2, '0')}`,
    );
    await renderHeatMap(
      fakeAutonomyApi({
        getHeatmap: async () => ({
          teams,
          guardrails: [
            { id: 'owner-is-team', title: 'Owned by a team', level: 'bronze' },
          ],
          // team-NN meets NN of 24 results: team-00 needs the most attention.
          cells: teams.map((team, i) => ({
            ownerRef: team,
            guardrailId: 'owner-is-team',
            counts: { pass: i, fail: 24 - i },
            total: 24,
            metShare: i / 24,
          })),
        }),
      }),
    );
    const table = await screen.findByRole('table');
    const headers = () =>
      within(table)
        .getAllByRole('rowheader')
        .map(h => h.textContent);
    expect(headers()).toHaveLength(20);
    expect(headers()[0]).toMatch(/team-00/);
    expect(
      screen.getByText('Teams 1–20 of 25, least met first'),
    ).toBeInTheDocument();
    screen.getByRole('button', { name: /next page/i }).click();
    expect(
      await screen.findByText('Teams 21–25 of 25, least met first'),
    ).toBeInTheDocument();
    expect(headers()).toHaveLength(5);
    expect(headers()[4]).toMatch(/team-24/);
  });

  it('keeps the sideways-scrolling table reachable from the keyboard', async () => {
    await renderHeatMap(fakeAutonomyApi({ getHeatmap: async () => heatmap() }));
    const region = await screen.findByRole('region', {
      name: /Share of each team's results/,
    });
    expect(region).toHaveAttribute('tabindex', '0');
  });

  it('says so when there are no results yet', async () => {
    await renderHeatMap(
      fakeAutonomyApi({
        getHeatmap: async () => ({ teams: [], guardrails: [], cells: [] }),
      }),
    );
    expect(
      await screen.findByText(/No results yet: the heat map fills in/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the error when the heat map cannot be loaded', async () => {
    await renderHeatMap(
      fakeAutonomyApi({
        getHeatmap: async () => {
          throw new Error('Heat map unavailable');
        },
      }),
    );
    expect(
      await screen.findByText('Error: Heat map unavailable', {
        selector: 'h6',
      }),
    ).toBeInTheDocument();
  });
});
