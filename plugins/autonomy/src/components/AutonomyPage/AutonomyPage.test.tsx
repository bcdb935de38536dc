import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { autonomyApiRef, type AutonomyApi } from '../../api/AutonomyApi';
import { fakeAutonomyApi } from '../../testUtils/fakeAutonomyApi';
import { boundaryMap, ownershipGaps } from '../../testUtils/boundaryFixtures';
import { MissionsPage } from '../MissionsPage';
import { AutonomyPage } from './AutonomyPage';

beforeAll(() => {
  Object.defineProperty(window.SVGElement.prototype, 'getBBox', {
    configurable: true,
    value: () => ({ x: 0, y: 0, width: 120, height: 40 }),
  });
});
afterAll(() => {
  delete (window.SVGElement.prototype as any).getBBox;
});

const makeApi = () =>
  fakeAutonomyApi({
    getMissionTree: async () => ({
      missions: [
        {
          ref: 'mission:default/north-star',
          title: 'Be the easiest shop',
          ownerRef: 'group:default/leadership',
          statement: 's',
          why: 'w',
          stale: false,
          successMetrics: [],
        },
      ],
      rootRefs: ['mission:default/north-star'],
      problems: [],
      evaluatedAt: '2026-01-10T08:00:00Z',
    }),
    getTeamsWithoutMission: async () => ({
      items: [],
      evaluatedAt: '2026-01-10T08:00:00Z',
    }),
    getBoundaryMap: async () => boundaryMap(),
    getOwnershipGaps: async () => ownershipGaps(),
  });

// Mounted like the app mounts it: under /autonomy, with the rest of the path for the tabs.
async function renderPage(api: AutonomyApi, path: string) {
  return renderInTestApp(
    <TestApiProvider apis={[[autonomyApiRef, api]]}>
      <Routes>
        <Route path="/autonomy/*" element={<AutonomyPage />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('AutonomyPage', () => {
  it('keeps the header and shows the missions tab first', async () => {
    const api = makeApi();
    await renderPage(api, '/autonomy');
    expect(
      screen.getByRole('heading', { name: 'Aligned Autonomy' }),
    ).toBeInTheDocument();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map(t => t.textContent)).toEqual(['Missions', 'Boundaries']);
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');
    expect(
      await screen.findByRole('list', { name: 'Mission tree' }),
    ).toBeInTheDocument();
    expect(api.getBoundaryMap).not.toHaveBeenCalled();
  });

  it('shows the boundary map and the ownership gaps on the boundaries tab', async () => {
    const api = makeApi();
    await renderPage(api, '/autonomy/boundaries');
    const tabs = screen.getAllByRole('tab');
    expect(tabs[1]).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByText('Boundary map')).toBeInTheDocument();
    const graph = await screen.findByRole('img', { name: /^Boundary map:/ });
    expect(
      await within(graph).findByText('2 healthy · 1 violation'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Ownership gaps (4)')).toBeInTheDocument();
    expect(api.getMissionTree).not.toHaveBeenCalled();
  });

  it('switches from missions to boundaries through the tab', async () => {
    await renderPage(makeApi(), '/autonomy');
    await screen.findByRole('list', { name: 'Mission tree' });
    await userEvent.click(screen.getByRole('tab', { name: 'Boundaries' }));
    expect(await screen.findByText('Ownership gaps (4)')).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Mission tree' }),
    ).not.toBeInTheDocument();
  });

  it('is still exported as MissionsPage', () => {
    expect(MissionsPage).toBe(AutonomyPage);
  });
});
