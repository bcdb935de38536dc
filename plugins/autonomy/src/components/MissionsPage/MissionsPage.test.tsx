import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type {
  MissionSummary,
  MissionTreeResponse,
  TeamsWithoutMissionResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyApiRef, type AutonomyApi } from '../../api/AutonomyApi';
import { MissionsContent } from './MissionsPage';
import { missionSummary } from '../../testUtils/missionFixtures';
import { fakeAutonomyApi } from '../../testUtils/fakeAutonomyApi';

const ENG = 'group:default/engineering';
const SALES = 'group:default/sales';

const mission = missionSummary;

const missions: MissionSummary[] = [
  mission('north-star', { title: 'Be the easiest shop' }),
  mission('platform', {
    title: 'Fast platform',
    parentRef: 'mission:default/north-star',
    departmentRef: ENG,
    ownerRef: ENG,
  }),
  mission('checkout', {
    title: 'One-click checkout',
    parentRef: 'mission:default/platform',
    departmentRef: ENG,
    ownerRef: 'group:default/checkout-team',
  }),
  mission('growth', {
    title: 'Grow EMEA',
    parentRef: 'mission:default/north-star',
    departmentRef: SALES,
    ownerRef: SALES,
  }),
  mission('partners', {
    title: 'Partner channel',
    parentRef: 'mission:default/growth',
    departmentRef: SALES,
    ownerRef: 'group:default/partner-team',
    stale: true,
    reviewBy: '2024-12-31',
  }),
];

const tree: MissionTreeResponse = {
  missions,
  rootRefs: ['mission:default/north-star'],
  problems: [],
  evaluatedAt: '2025-06-01T10:00:00Z',
};

const teams: TeamsWithoutMissionResponse = {
  items: [
    {
      teamRef: 'group:default/search-team',
      title: 'Search team',
      parentRef: ENG,
    },
    { teamRef: 'group:default/billing-team', title: 'Billing team' },
  ],
  evaluatedAt: '2025-06-01T10:00:00Z',
};

function makeApi(
  overrides: Partial<AutonomyApi> = {},
): jest.Mocked<AutonomyApi> {
  return fakeAutonomyApi({
    getMissionTree: async () => tree,
    getTeamsWithoutMission: async () => teams,
    ...overrides,
  });
}

async function renderContent(api: AutonomyApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[autonomyApiRef, api]]}>
      <MissionsContent />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** The <li> of the mission with this title (the item that directly holds its link). */
const itemOf = (title: string) =>
  screen.getByRole('link', { name: title }).closest('li')!;

const treeLinkNames = () =>
  within(screen.getByRole('list', { name: 'Mission tree' }))
    .getAllByRole('link')
    .map(l => l.textContent);

describe('MissionsContent', () => {
  it('shows the mission tree, nested from the north star down', async () => {
    const api = makeApi();
    await renderContent(api);

    const list = await screen.findByRole('list', { name: 'Mission tree' });
    expect(api.getMissionTree).toHaveBeenCalledTimes(1);
    expect(api.getTeamsWithoutMission).toHaveBeenCalledTimes(1);

    // One root: the north star; everything else is nested inside it.
    const roots = within(list)
      .getAllByRole('listitem')
      .filter(li => li.parentElement === list);
    expect(roots).toHaveLength(1);
    expect(
      within(roots[0]).getByRole('link', { name: 'Be the easiest shop' }),
    ).toHaveAttribute('href', '/catalog/default/mission/north-star');
    for (const title of [
      'Fast platform',
      'One-click checkout',
      'Grow EMEA',
      'Partner channel',
    ]) {
      expect(
        within(roots[0]).getByRole('link', { name: title }),
      ).toBeInTheDocument();
    }

    // Team missions sit under their department's mission, not under the other one.
    expect(
      within(itemOf('Fast platform')).getByRole('link', {
        name: 'One-click checkout',
      }),
    ).toBeInTheDocument();
    expect(
      within(itemOf('Fast platform')).queryByRole('link', {
        name: 'Partner channel',
      }),
    ).not.toBeInTheDocument();
    expect(
      within(itemOf('Grow EMEA')).getByRole('link', {
        name: 'Partner channel',
      }),
    ).toBeInTheDocument();

    // The stale mission is flagged, and only that one.
    expect(
      within(itemOf('Partner channel')).getByText(
        'Review overdue since 2024-12-31',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/Review overdue since/)).toHaveLength(1);

    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('lists the teams without a mission', async () => {
    await renderContent(makeApi());
    expect(
      await screen.findByText('Teams without a mission'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Search team' })).toHaveAttribute(
      'href',
      '/catalog/default/group/search-team',
    );
    expect(screen.getByRole('link', { name: 'Billing team' })).toHaveAttribute(
      'href',
      '/catalog/default/group/billing-team',
    );
    expect(
      screen.queryByText('Every team has a mission.'),
    ).not.toBeInTheDocument();
  });

  it('says so when every team has a mission', async () => {
    await renderContent(
      makeApi({
        getTeamsWithoutMission: async () => ({ ...teams, items: [] }),
      }),
    );
    expect(
      await screen.findByText('Every team has a mission.'),
    ).toBeInTheDocument();
  });

  it('shows the problems panel when the tree has problems', async () => {
    await renderContent(
      makeApi({
        getMissionTree: async () => ({
          ...tree,
          problems: [
            {
              missionRef: 'mission:default/partners',
              type: 'missing-owner',
              message: 'Owner group:default/partner-team does not exist',
            },
            {
              missionRef: 'mission:default/growth',
              type: 'cycle',
              message: 'Parent chain loops back to itself',
            },
          ],
        }),
      }),
    );
    const panel = await screen.findByRole('alert');
    expect(
      within(panel).getByText('Warning: 2 mission problem(s)'),
    ).toBeInTheDocument();
    // The problems are listed without expanding the panel.
    expect(
      within(panel).getByText(
        /Owner group:default\/partner-team does not exist/,
      ),
    ).toBeVisible();
    expect(
      within(panel).getByText(/Parent chain loops back to itself/),
    ).toBeVisible();
    expect(within(panel).getAllByRole('listitem')).toHaveLength(2);
  });

  it('shows an empty state when there are no missions', async () => {
    await renderContent(
      makeApi({
        getMissionTree: async () => ({ ...tree, missions: [], rootRefs: [] }),
      }),
    );
    expect(
      await screen.findByText('No missions in the catalog yet'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Mission tree' }),
    ).not.toBeInTheDocument();
  });

  it('shows the error when the API fails', async () => {
    await renderContent(
      makeApi({
        getMissionTree: () =>
          Promise.reject(new Error('Autonomy backend unavailable')),
      }),
    );
    expect(
      await screen.findAllByText(/Autonomy backend unavailable/),
    ).not.toHaveLength(0);
    expect(
      screen.queryByRole('list', { name: 'Mission tree' }),
    ).not.toBeInTheDocument();
  });

  it('filters the tree by department, keeping the path to the north star', async () => {
    await renderContent(makeApi());
    await screen.findByRole('list', { name: 'Mission tree' });
    expect(treeLinkNames()).toEqual(
      expect.arrayContaining([
        'Fast platform',
        'One-click checkout',
        'Grow EMEA',
        'Partner channel',
      ]),
    );

    await userEvent.click(screen.getByRole('button', { name: /Department/ }));
    const listbox = await screen.findByRole('listbox');
    expect(
      within(listbox)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['All departments', 'engineering', 'sales']);
    await userEvent.click(
      within(listbox).getByRole('option', { name: 'sales' }),
    );

    await waitFor(() => expect(treeLinkNames()).not.toContain('Fast platform'));
    const names = treeLinkNames();
    expect(names).toContain('Be the easiest shop');
    expect(names).toContain('Grow EMEA');
    expect(names).toContain('Partner channel');
    expect(names).not.toContain('One-click checkout');
    expect(
      screen.getByRole('button', { name: /Department/ }),
    ).toHaveTextContent('sales');

    // Back to all departments.
    await userEvent.click(screen.getByRole('button', { name: /Department/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'All departments' }),
    );
    await waitFor(() =>
      expect(treeLinkNames()).toContain('One-click checkout'),
    );
    expect(treeLinkNames()).toContain('Partner channel');
  });
});
