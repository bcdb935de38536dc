import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { autonomyApiRef, type AutonomyApi } from '../../api/AutonomyApi';
import { fakeAutonomyApi } from '../../testUtils/fakeAutonomyApi';
import {
  rollupsByScope,
  scoreGuardrails,
  scoreItem,
  scorePage,
} from '../../testUtils/scorecardFixtures';
import { ScorecardView } from './ScorecardView';
import { optionTexts } from '../../testUtils/listbox';

const makeApi = (overrides: Partial<AutonomyApi> = {}) =>
  fakeAutonomyApi({
    listScorecards: async () => scorePage(),
    getGuardrails: async () => scoreGuardrails,
    getRollups: scope => rollupsByScope(scope),
    downloadScorecardsCsv: async () => 'entity,title\ncomponent:default/a,A\n',
    ...overrides,
  });

/** The query string in the address bar, to check what a shared link would hold. */
const currentSearch = () => new URLSearchParams(window.location.search);

async function renderView(api: AutonomyApi, path = '/autonomy') {
  // The address bar shows the route's URL, as in a browser.
  window.history.replaceState(null, '', path);
  return renderInTestApp(
    <TestApiProvider apis={[[autonomyApiRef, api]]}>
      <ScorecardView />
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const lastQuery = (api: jest.Mocked<AutonomyApi>) =>
  api.listScorecards.mock.calls[api.listScorecards.mock.calls.length - 1][0];

describe('ScorecardView', () => {
  it('asks for the first page of 25 with trends, and shows each row', async () => {
    const api = makeApi();
    await renderView(api);

    const table = await screen.findByRole('table', {
      name: 'Entity scorecards',
    });
    expect(api.listScorecards).toHaveBeenCalledTimes(1);
    expect(api.listScorecards).toHaveBeenCalledWith({
      orderBy: 'title',
      order: 'asc',
      limit: 25,
      offset: 0,
      trendDays: 30,
    });

    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3); // header + 2
    const cart = within(rows[1]);
    expect(cart.getByRole('link', { name: /Cart service/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/cart-service',
    );
    expect(cart.getByText('Component')).toBeInTheDocument();
    expect(cart.getByRole('link', { name: /checkout/ })).toBeInTheDocument();
    expect(cart.getByRole('link', { name: /shop/ })).toBeInTheDocument();
    expect(cart.getByText('Silver')).toBeInTheDocument();
    expect(cart.getByText('85.7')).toBeInTheDocument();
    // Failing guardrails: the count and the titles as text, not just ids.
    expect(cart.getByText('1')).toBeInTheDocument();
    expect(cart.getByText('Has a runbook')).toBeInTheDocument();
    expect(
      cart.getByRole('img', { name: 'Score trend over 3 days: from 70 to 86' }),
    ).toBeInTheDocument();

    const api2 = within(rows[2]);
    expect(api2.getByText('API')).toBeInTheDocument();
    expect(api2.getByText('No level yet')).toBeInTheDocument();
    expect(api2.getByText('40')).toBeInTheDocument();
    expect(api2.getByText('2')).toBeInTheDocument();
    expect(
      api2.getByText('Owned by a team, Has a runbook'),
    ).toBeInTheDocument();
    // One day of history draws no line, and says so.
    expect(api2.getByText('No trend yet')).toBeInTheDocument();

    expect(screen.getByText('2 entities')).toBeInTheDocument();
    expect(screen.getByText(/^Evaluated/)).toBeInTheDocument();
    expect(screen.getByText('1-2 of 2')).toBeInTheDocument();
  });

  it('applies the filters, sort and page found in the URL', async () => {
    const api = makeApi({
      listScorecards: async () =>
        scorePage(
          [scoreItem({ entityRef: 'component:default/p2', title: 'P2' })],
          60,
        ),
    });
    await renderView(
      api,
      '/autonomy?ownerRef=group:default/checkout&ownerRef=group:default/payments&level=none&systemRef=system:default/shop&guardrailId=has-runbook&state=fail&q=cart&orderBy=score&order=desc&page=2',
    );

    await screen.findByRole('link', { name: /P2/ });
    expect(api.listScorecards).toHaveBeenCalledWith({
      ownerRef: ['group:default/checkout', 'group:default/payments'],
      systemRef: ['system:default/shop'],
      level: ['none'],
      guardrailId: 'has-runbook',
      state: ['fail'],
      q: 'cart',
      orderBy: 'score',
      order: 'desc',
      limit: 25,
      offset: 25,
      trendDays: 30,
    });
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue(
      'cart',
    );
    // The first chosen team as a chip, the others counted until the field is focused.
    const team = screen.getByRole('combobox', { name: 'Team' });
    expect(
      within(team).getByRole('button', { name: 'checkout' }),
    ).toBeVisible();
    expect(within(team).getByText('+1 more')).toBeVisible();
    expect(screen.getByRole('button', { name: /^Level .+/ })).toHaveTextContent(
      'No level',
    );
    expect(
      await screen.findByRole('button', { name: /^Guardrail/ }),
    ).toHaveTextContent('Has a runbook');
    expect(screen.getByRole('button', { name: /^State/ })).toHaveTextContent(
      'Fail',
    );
    expect(screen.getByText('60 entities match')).toBeInTheDocument();
    expect(screen.getByText('26-50 of 60')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Score' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
  });

  it('sorts on the server: a header asks for its orderBy, and again for the other direction', async () => {
    const api = makeApi();
    await renderView(api);
    await screen.findByRole('table', { name: 'Entity scorecards' });

    await userEvent.click(screen.getByRole('button', { name: 'Score' }));
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({
        orderBy: 'score',
        order: 'asc',
        offset: 0,
      }),
    );
    expect(currentSearch().get('orderBy')).toBe('score');
    expect(screen.getByRole('columnheader', { name: 'Score' })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Score' }));
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({
        orderBy: 'score',
        order: 'desc',
      }),
    );

    // Failing guardrails sort most first when first chosen.
    await userEvent.click(
      screen.getByRole('button', { name: 'Failing guardrails' }),
    );
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({
        orderBy: 'failing',
        order: 'desc',
      }),
    );
    // Owner and trend are not sortable on the server: no button.
    expect(
      screen.queryByRole('button', { name: 'Owner' }),
    ).not.toBeInTheDocument();
  });

  it('sorts and pages from the keyboard', async () => {
    const api = makeApi({
      listScorecards: async () => scorePage([scoreItem()], 60),
    });
    await renderView(api);
    await screen.findByRole('table', { name: 'Entity scorecards' });

    const level = screen.getByRole('button', { name: 'Level' });
    act(() => level.focus());
    expect(level).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({ orderBy: 'level' }),
    );

    const next = screen.getByRole('button', { name: 'Next page' });
    act(() => next.focus());
    await userEvent.keyboard('{Enter}');
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({
        orderBy: 'level',
        offset: 25,
        limit: 25,
      }),
    );
    expect(currentSearch().get('page')).toBe('2');

    // The entity links are in the tab order.
    const link = screen.getByRole('link', { name: /Cart service/ });
    expect(link).not.toHaveAttribute('tabindex', '-1');
  });

  it('filters by a team chosen in the filter bar, back on the first page', async () => {
    const api = makeApi({
      listScorecards: async () => scorePage([scoreItem()], 60),
    });
    await renderView(api, '/autonomy?page=2');
    await screen.findByRole('table', { name: 'Entity scorecards' });
    expect(lastQuery(api)).toMatchObject({ offset: 25 });

    await userEvent.click(screen.getByRole('textbox', { name: 'Team' }));
    const listbox = await screen.findByRole('listbox');
    await userEvent.click(
      await within(listbox).findByRole('option', { name: 'payments' }),
    );
    // The list stays open for another choice, and marks the chosen one.
    expect(
      within(listbox).getByRole('option', { name: 'payments' }),
    ).toHaveAttribute('aria-selected', 'true');

    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({
        ownerRef: ['group:default/payments'],
        offset: 0,
      }),
    );
    expect(currentSearch().getAll('ownerRef')).toEqual([
      'group:default/payments',
    ]);
    expect(currentSearch().get('page')).toBeNull();
  });

  it('narrows a long team list by typing, and works from the keyboard', async () => {
    const api = makeApi();
    await renderView(api, '/autonomy?ownerRef=group:default/checkout');
    await screen.findByRole('table', { name: 'Entity scorecards' });

    await userEvent.type(screen.getByRole('textbox', { name: 'Team' }), 'PAY');
    const listbox = await screen.findByRole('listbox');
    await waitFor(() => expect(optionTexts(listbox)).toEqual(['payments']));
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({
        ownerRef: ['group:default/checkout', 'group:default/payments'],
      }),
    );

    // Backspace in the empty field removes the last team chosen.
    await userEvent.keyboard('{Backspace}');
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({
        ownerRef: ['group:default/checkout'],
      }),
    );
  });

  it('offers the levels from the guardrails plus "No level"', async () => {
    const api = makeApi();
    await renderView(api);
    await screen.findByRole('table', { name: 'Entity scorecards' });
    await waitFor(() => expect(api.getGuardrails).toHaveBeenCalled());

    await userEvent.click(screen.getByRole('button', { name: /^Level .+/ }));
    const listbox = await screen.findByRole('listbox');
    await waitFor(() =>
      expect(optionTexts(listbox)).toEqual([
        'Bronze',
        'Silver',
        'Gold',
        'No level',
      ]),
    );
    await userEvent.click(
      within(listbox).getByRole('option', { name: 'No level' }),
    );
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({ level: ['none'] }),
    );
  });

  it('searches once the typing pauses, not on every key', async () => {
    const api = makeApi();
    await renderView(api);
    await screen.findByRole('table', { name: 'Entity scorecards' });

    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Search' }),
      'cart',
    );
    await waitFor(() => expect(lastQuery(api)).toMatchObject({ q: 'cart' }));
    const texts = api.listScorecards.mock.calls.map(c => c[0]?.q);
    expect(texts).toEqual([undefined, 'cart']);
    expect(currentSearch().get('q')).toBe('cart');
  });

  it('exports the CSV of the current filters with the API client and saves it as a file', async () => {
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:scorecards');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function assertDownloadLink(this: HTMLAnchorElement) {
        expect(this.href).toBe('blob:scorecards');
        expect(this.download).toBe('scorecards.csv');
      });
    try {
      const api = makeApi();
      await renderView(
        api,
        '/autonomy?ownerRef=group:default/checkout&orderBy=score&page=2',
      );
      await screen.findByRole('table', { name: 'Entity scorecards' });

      await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

      await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
      // Filters and sort, never the page: the export is everything that matches.
      expect(api.downloadScorecardsCsv).toHaveBeenCalledWith({
        ownerRef: ['group:default/checkout'],
        orderBy: 'score',
        order: 'asc',
      });
      expect(createObjectURL).toHaveBeenCalledTimes(1);
      const blob = createObjectURL.mock.calls[0][0];
      expect(blob.type).toBe('text/csv;charset=utf-8');
      expect(await blob.text()).toBe('entity,title\ncomponent:default/a,A\n');
      await waitFor(() =>
        expect(revokeObjectURL).toHaveBeenCalledWith('blob:scorecards'),
      );
    } finally {
      click.mockRestore();
      delete (URL as any).createObjectURL;
      delete (URL as any).revokeObjectURL;
    }
  });

  it('says why when the export fails', async () => {
    const api = makeApi({
      downloadScorecardsCsv: async () => {
        throw new Error('Request failed with 403 Forbidden');
      },
    });
    await renderView(api);
    await screen.findByRole('table', { name: 'Entity scorecards' });
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Export failed: Request failed with 403 Forbidden',
    );
  });

  it('shows an empty state with a reset when nothing matches the filters', async () => {
    const api = makeApi({
      listScorecards: async query =>
        query?.ownerRef ? scorePage([], 0) : scorePage(),
    });
    await renderView(api, '/autonomy?ownerRef=group:default/nobody&q=zzz');

    expect(
      await screen.findByText('No services match these filters'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Entity scorecards' }),
    ).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Reset filters' }),
    );

    expect(
      await screen.findByRole('table', { name: 'Entity scorecards' }),
    ).toBeInTheDocument();
    expect(lastQuery(api)).toEqual({
      orderBy: 'title',
      order: 'asc',
      limit: 25,
      offset: 0,
      trendDays: 30,
    });
    expect(currentSearch().toString()).toBe('');
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('');
  });

  it('shows the error when the list cannot be loaded', async () => {
    const api = makeApi({
      listScorecards: async () => {
        throw new Error('The database is on fire');
      },
    });
    await renderView(api);
    expect(
      await screen.findByText('Error: The database is on fire', {
        selector: 'h6',
      }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Entity scorecards' }),
    ).not.toBeInTheDocument();
  });
});
