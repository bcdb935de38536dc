import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { autonomyApiRef, type AutonomyApi } from '../../api/AutonomyApi';
import { fakeAutonomyApi } from '../../testUtils/fakeAutonomyApi';
import { boundaryMap, ownershipGaps } from '../../testUtils/boundaryFixtures';
import {
  heatmap,
  orgHistory,
  rollupsByScope,
  scoreGuardrails,
  scorePage,
} from '../../testUtils/scorecardFixtures';
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
    listScorecards: async () => scorePage(),
    getGuardrails: async () => scoreGuardrails,
    getRollups: scope => rollupsByScope(scope),
    getHeatmap: async () => heatmap(),
    getHistory: async () => orgHistory(),
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
  it('keeps the header and shows the scorecards tab first', async () => {
    const api = makeApi();
    await renderPage(api, '/autonomy');
    expect(
      screen.getByRole('heading', { name: 'Aligned Autonomy' }),
    ).toBeInTheDocument();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map(t => t.textContent)).toEqual([
      'Scorecards',
      'Missions',
      'Boundaries',
      'Campaigns',
      'Guardrail preview',
    ]);
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');
    expect(
      await screen.findByRole('table', { name: 'Entity scorecards' }),
    ).toBeInTheDocument();
    // Below the table: the organisation's trend and levels, and the heat map.
    expect(
      await screen.findByRole('img', {
        name: 'Average score over the last 90 days: from 88 on 19 Nov 2026 to 91.2 on 21 Nov 2026',
      }),
    ).toBeInTheDocument();
    expect(api.getHistory).toHaveBeenCalledWith('org', undefined, 90);
    const levels = await screen.findByRole('list', {
      name: 'Entities per level',
    });
    expect(
      within(levels)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'Gold6 (60%)',
      'Silver1 (10%)',
      'Bronze2 (20%)',
      'No level1 (10%)',
    ]);
    expect(
      screen.getByText('10 entities · average score 91.2'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Teams × guardrails')).toBeInTheDocument();
    expect(await screen.findByText('80%')).toBeInTheDocument();
    expect(api.getMissionTree).not.toHaveBeenCalled();
    expect(api.getBoundaryMap).not.toHaveBeenCalled();
  });

  it('applies the filters of a shared link to the scorecards tab', async () => {
    const api = makeApi();
    await renderPage(
      api,
      '/autonomy?ownerRef=group%3Adefault%2Fcheckout&level=gold',
    );
    await screen.findByRole('table', { name: 'Entity scorecards' });
    expect(api.listScorecards).toHaveBeenCalledWith(
      expect.objectContaining({
        ownerRef: ['group:default/checkout'],
        level: ['gold'],
      }),
    );
  });

  it('keeps the missions on their own tab', async () => {
    const api = makeApi();
    await renderPage(api, '/autonomy/missions');
    const tabs = screen.getAllByRole('tab');
    expect(tabs[1]).toHaveAttribute('aria-selected', 'true');
    expect(
      await screen.findByRole('list', { name: 'Mission tree' }),
    ).toBeInTheDocument();
    expect(api.listScorecards).not.toHaveBeenCalled();
  });

  it('shows the boundary map and the ownership gaps on the boundaries tab', async () => {
    const api = makeApi();
    await renderPage(api, '/autonomy/boundaries');
    const tabs = screen.getAllByRole('tab');
    expect(tabs[2]).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByText('Boundary map')).toBeInTheDocument();
    const graph = await screen.findByRole('img', { name: /^Boundary map:/ });
    expect(
      await within(graph).findByText('2 healthy · 1 violation'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Ownership gaps (4)')).toBeInTheDocument();
    expect(api.getMissionTree).not.toHaveBeenCalled();
    expect(api.listScorecards).not.toHaveBeenCalled();
  });

  it('switches from scorecards to missions and boundaries through the tabs', async () => {
    await renderPage(makeApi(), '/autonomy');
    await screen.findByRole('table', { name: 'Entity scorecards' });
    await userEvent.click(screen.getByRole('tab', { name: 'Missions' }));
    expect(
      await screen.findByRole('list', { name: 'Mission tree' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Entity scorecards' }),
    ).not.toBeInTheDocument();
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
