import { screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import type { MissionChainResponse } from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyApiRef, type AutonomyApi } from '../../api/AutonomyApi';
import { MissionCard } from './MissionCard';
import { missionSummary } from '../../testUtils/missionFixtures';
import { fakeAutonomyApi } from '../../testUtils/fakeAutonomyApi';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'shop' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:shop/checkout',
  },
};

const mission = missionSummary;

const northStar = mission('north-star', {
  title: 'Be the easiest shop to buy from',
});
const department = mission('fast-commerce', {
  title: 'Fast commerce',
  parentRef: northStar.ref,
});
const teamMission = mission('one-click-checkout', {
  title: 'One-click checkout',
  parentRef: department.ref,
  ownerRef: 'group:shop/checkout',
  statement: 'Buyers abandon carts because **checkout takes five steps**.',
  why: 'Mobile traffic doubled this year.',
  horizon: '2025-H2',
  reviewBy: '2025-12-31',
  successMetrics: [
    {
      name: 'Checkout conversion',
      direction: 'increase',
      target: 80,
      unit: '%',
      current: 40,
    },
    { name: 'Steps to pay', direction: 'decrease', target: 1 },
  ],
});

const fullChain: MissionChainResponse = {
  entityRef: 'component:shop/checkout-api',
  resolution: {
    missionRef: teamMission.ref,
    via: 'system',
    sourceRef: 'system:shop/payments',
  },
  chain: [teamMission, department, northStar],
  missionProblems: [],
  evaluatedAt: '2025-06-01T10:00:00Z',
};

function makeApi(
  getMissionChain: AutonomyApi['getMissionChain'],
): jest.Mocked<AutonomyApi> {
  return fakeAutonomyApi({ getMissionChain });
}

async function renderCard(api: AutonomyApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[autonomyApiRef, api]]}>
      <EntityProvider entity={entity}>
        <MissionCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const chainNav = () =>
  screen.findByRole('navigation', {
    name: 'Mission chain from the north star',
  });

describe('MissionCard', () => {
  it("asks for the mission chain of the entity's compound ref", async () => {
    const api = makeApi(async () => fullChain);
    await renderCard(api);
    await chainNav();
    expect(api.getMissionChain).toHaveBeenCalledTimes(1);
    expect(api.getMissionChain).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'shop',
      name: 'checkout-api',
    });
  });

  it('shows the full chain from the north star down, the statement, the source and the metrics', async () => {
    await renderCard(makeApi(async () => fullChain));

    const nav = await chainNav();
    const links = within(nav).getAllByRole('link');
    expect(links.map(l => l.textContent)).toEqual([
      'Be the easiest shop to buy from',
      'Fast commerce',
      'One-click checkout',
    ]);
    expect(links[0]).toHaveAttribute(
      'href',
      '/catalog/default/mission/north-star',
    );
    expect(within(nav).getByText(/North star:/)).toBeInTheDocument();
    expect(within(nav).queryByText('(chain broken)')).not.toBeInTheDocument();

    // The mission itself, as a heading linking to it.
    const heading = screen.getByRole('heading', { name: 'One-click checkout' });
    expect(within(heading).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/mission/one-click-checkout',
    );
    expect(screen.getByText('Horizon 2025-H2')).toBeInTheDocument();
    expect(screen.queryByText(/Review overdue/)).not.toBeInTheDocument();

    // Markdown statement.
    const strong = screen.getByText('checkout takes five steps');
    expect(strong.tagName).toBe('STRONG');
    expect(
      screen.getByText('Mobile traffic doubled this year.'),
    ).toBeInTheDocument();

    // How the mission was found, with a link to the system it came from.
    const caption = screen.getByText(/Mission inherited from its system/);
    expect(
      within(caption).getByRole('link', { name: /payments/ }),
    ).toHaveAttribute('href', '/catalog/shop/system/payments');
    expect(
      within(caption).getByRole('link', { name: /checkout/ }),
    ).toHaveAttribute('href', '/catalog/shop/group/checkout');

    // Metrics in words and as labelled bars.
    expect(screen.getByText(/40 %, target at least 80 %/)).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', {
        name: 'Checkout conversion: 50% of target',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/not measured yet, target at most 1/),
    ).toBeInTheDocument();

    expect(screen.getByText('Evaluated')).toBeInTheDocument();
    expect(document.querySelector('time')).toHaveAttribute(
      'datetime',
      '2025-06-01T10:00:00Z',
    );
  });

  it('says "this is a mission" without a source link for a Mission entity itself', async () => {
    await renderCard(
      makeApi(async () => ({
        ...fullChain,
        resolution: {
          missionRef: teamMission.ref,
          via: 'self',
          sourceRef: teamMission.ref,
        },
      })),
    );
    const caption = await screen.findByText(/Mission this is a mission/);
    // Only the owner link, no "(source)" link.
    expect(within(caption).getAllByRole('link')).toHaveLength(1);
  });

  it('flags a stale mission', async () => {
    await renderCard(
      makeApi(async () => ({
        ...fullChain,
        chain: [
          { ...teamMission, stale: true, reviewBy: '2024-12-31' },
          department,
          northStar,
        ],
      })),
    );
    expect(
      await screen.findByText('Review overdue since 2024-12-31'),
    ).toBeInTheDocument();
  });

  it('shows a broken chain with its problem', async () => {
    const problem = {
      type: 'missing-parent' as const,
      message: 'Parent mission mission:default/gone does not exist',
      ref: 'mission:default/gone',
    };
    await renderCard(
      makeApi(async () => ({
        ...fullChain,
        chain: [{ ...teamMission, parentRef: 'mission:default/gone' }],
        problem,
      })),
    );

    const nav = await chainNav();
    expect(within(nav).getByText('(chain broken)')).toBeInTheDocument();
    expect(within(nav).queryByText(/North star:/)).not.toBeInTheDocument();
    expect(
      within(nav)
        .getAllByRole('link')
        .map(l => l.textContent),
    ).toEqual(['One-click checkout']);

    const panel = screen.getByRole('alert');
    expect(
      within(panel).getByText(
        'Warning: The chain does not reach the north star',
      ),
    ).toBeInTheDocument();
    // The reason is shown straight away, without expanding the panel.
    expect(within(panel).getByText(problem.message)).toBeVisible();
  });

  it('guides the owner to add a mission when there is none', async () => {
    await renderCard(
      makeApi(async () => ({
        entityRef: 'component:shop/checkout-api',
        chain: [],
        missionProblems: [],
        problem: {
          type: 'no-mission',
          message:
            'Neither the entity, its system, domain nor owner has a mission',
        },
        evaluatedAt: '2025-06-01T10:00:00Z',
      })),
    );

    expect(
      await screen.findByRole('heading', { name: 'No mission yet' }),
    ).toBeInTheDocument();
    // Guidance, not an alarm: nothing is announced as an alert.
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(
      screen.getByText(
        'Neither the entity, its system, domain nor owner has a mission',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/Link it to a mission in its/)).toBeInTheDocument();
    await waitFor(() =>
      expect(document.body.textContent).toContain(
        'aligned-autonomy.io/mission: mission:default/<mission-name>',
      ),
    );
    expect(
      screen.queryByRole('navigation', {
        name: 'Mission chain from the north star',
      }),
    ).not.toBeInTheDocument();
  });

  it('shows the error when the API fails', async () => {
    await renderCard(
      makeApi(() => Promise.reject(new Error('Autonomy backend unavailable'))),
    );
    expect(
      await screen.findAllByText(/Autonomy backend unavailable/),
    ).not.toHaveLength(0);
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('navigation', {
        name: 'Mission chain from the north star',
      }),
    ).not.toBeInTheDocument();
  });

  it("says in the backend's words why there is no mission analysis, instead of an error", async () => {
    const notFound = Object.assign(new Error('Not Found'), {
      name: 'ResponseError',
      statusCode: 404,
      body: {
        error: {
          name: 'NotFoundError',
          message:
            'No mission analysis for location:default/demo: it is not in the catalog, or not of a kind that has missions',
        },
      },
    });
    await renderCard(makeApi(() => Promise.reject(notFound)));
    expect(await screen.findByText('Not analysed yet')).toBeInTheDocument();
    expect(
      screen.getByText(/not of a kind that has missions/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Not Found$/)).not.toBeInTheDocument();
  });

  it('reports problems of the missions on the chain, such as a missing owner', async () => {
    await renderCard(
      makeApi(async () => ({
        ...fullChain,
        missionProblems: [
          {
            missionRef: department.ref,
            type: 'missing-owner',
            message: 'Owner group:default/ghosts does not exist',
          },
        ],
      })),
    );
    const panel = await screen.findByRole('alert');
    expect(
      within(panel).getByText(/Missions on this chain need attention/),
    ).toBeInTheDocument();
    expect(
      within(panel).getByText(/Owner group:default\/ghosts does not exist/),
    ).toBeVisible();
  });

  it('renders mission Markdown without executing or inserting raw HTML', async () => {
    const hostile = {
      ...teamMission,
      statement:
        'Plain **bold** <img src="x" onerror="window.__pwned=1"> <script>window.__pwned=2</script>',
      why: '[a link](javascript:alert(1)) and <b>raw</b>',
    };
    await renderCard(
      makeApi(async () => ({
        ...fullChain,
        chain: [hostile, department, northStar],
      })),
    );
    await chainNav();
    expect(screen.getByText('bold').tagName).toBe('STRONG');
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect(document.querySelector('script')).toBeNull();
    expect((window as any).__pwned).toBeUndefined();
    expect(document.querySelector('a[href^="javascript" i]')).toBeNull();
    // The unsafe link keeps its text; the raw tag shows as text, not as an element.
    expect(screen.getByText(/a link and <b>raw<\/b>/)).toBeInTheDocument();
    expect(document.querySelector('b')).toBeNull();
  });
});
