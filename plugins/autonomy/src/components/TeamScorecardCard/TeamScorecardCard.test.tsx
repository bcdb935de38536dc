import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { autonomyApiRef, type AutonomyApi } from '../../api/AutonomyApi';
import { rootRouteRef } from '../../routes';
import { fakeAutonomyApi } from '../../testUtils/fakeAutonomyApi';
import {
  rollup,
  rollups,
  scoreItem,
  scorePage,
} from '../../testUtils/scorecardFixtures';
import { TeamScorecardCard } from './TeamScorecardCard';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'Checkout', namespace: 'shop' },
  spec: { type: 'team', children: [] },
};

const lowest = scorePage(
  [
    scoreItem({
      entityRef: 'api:shop/cart-api',
      kind: 'api',
      title: 'Cart API',
      ownerRef: 'group:shop/checkout',
      level: null,
      score: 40,
    }),
    scoreItem({
      entityRef: 'component:shop/cart-service',
      title: 'Cart service',
      ownerRef: 'group:shop/checkout',
      level: 'silver',
      score: 85.7,
    }),
  ],
  12,
);

async function renderCard(api: AutonomyApi, mountAutonomy = true) {
  return renderInTestApp(
    <TestApiProvider apis={[[autonomyApiRef, api]]}>
      <EntityProvider entity={group}>
        <TeamScorecardCard />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...(mountAutonomy ? { '/org/autonomy': rootRouteRef } : {}),
      },
    },
  );
}

describe('TeamScorecardCard', () => {
  it("lists the team's services, lowest score first, with the team's roll-up", async () => {
    const api = fakeAutonomyApi({
      listScorecards: async () => lowest,
      getRollups: async () =>
        rollups(
          rollup('group:shop/billing'),
          rollup('group:shop/checkout', {
            entityCount: 12,
            averageScore: 81.25,
            levelCounts: { bronze: 2, silver: 0, gold: 9, none: 1 },
          }),
        ),
    });
    await renderCard(api);

    expect(
      await screen.findByText('Services of this team'),
    ).toBeInTheDocument();
    const table = await screen.findByRole('table', {
      name: 'Services of this team, lowest score first',
    });
    // Owner refs are lower case, as the catalog's relations have them.
    expect(api.listScorecards).toHaveBeenCalledWith({
      ownerRef: ['group:shop/checkout'],
      orderBy: 'score',
      order: 'asc',
      limit: 10,
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.textContent)).toEqual([
      'Cart APINo level yet40',
      'Cart serviceSilver85.7',
    ]);
    expect(
      within(rows[0]).getByRole('link', { name: /Cart API/ }),
    ).toHaveAttribute('href', '/catalog/shop/api/cart-api');
    expect(screen.getByText('The 2 lowest scores of 12.')).toBeInTheDocument();

    expect(
      await screen.findByText('12 entities · average score 81.3'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Levels: Gold 9 · Bronze 2 · No level 1'),
    ).toBeInTheDocument();
    expect(api.getRollups).toHaveBeenCalledWith('team', {
      limit: 500,
      offset: 0,
    });

    expect(
      screen.getByRole('link', { name: /All of this team's scorecards/ }),
    ).toHaveAttribute('href', '/org/autonomy?ownerRef=group%3Ashop%2Fcheckout');
  });

  it('computes the roll-up from a complete list when the roll-ups cannot be loaded', async () => {
    const api = fakeAutonomyApi({
      listScorecards: async () => scorePage(lowest.items),
      getRollups: async () => {
        throw new Error('no roll-ups');
      },
    });
    await renderCard(api, false);
    expect(
      await screen.findByText('2 entities · average score 62.9'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Levels: Silver 1 · No level 1'),
    ).toBeInTheDocument();
    // Without the page mounted, the link still leads to the default path.
    expect(
      screen.getByRole('link', { name: /All of this team's scorecards/ }),
    ).toHaveAttribute('href', '/autonomy?ownerRef=group%3Ashop%2Fcheckout');
  });

  it('says so when nothing the team owns has been evaluated', async () => {
    const api = fakeAutonomyApi({
      listScorecards: async () => scorePage([], 0),
      getRollups: async () => rollups(),
    });
    await renderCard(api);
    expect(
      await screen.findByText(/Nothing this team owns has been evaluated yet/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('offers the starter configuration when no guardrail is configured', async () => {
    const api = fakeAutonomyApi({
      getGuardrails: async () => ({ levels: ['bronze'], guardrails: [] }),
      listScorecards: async () => scorePage([], 0),
      getRollups: async () => rollups(),
    });
    await renderCard(api);
    expect(
      await screen.findByText('No guardrails configured yet'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/Nothing this team owns has been evaluated yet/),
    ).not.toBeInTheDocument();
  });

  it('shows the error when the list cannot be loaded', async () => {
    const api = fakeAutonomyApi({
      listScorecards: async () => {
        throw new Error('Scores unavailable');
      },
      getRollups: async () => rollups(),
    });
    await renderCard(api);
    expect(
      await screen.findByText('Error: Scores unavailable', { selector: 'h6' }),
    ).toBeInTheDocument();
  });
});
