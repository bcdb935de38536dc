import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { autonomyApiRef, type AutonomyApi } from '../../api/AutonomyApi';
import { fakeAutonomyApi } from '../../testUtils/fakeAutonomyApi';
import { entityBoundaries } from '../../testUtils/boundaryFixtures';
import { BoundariesCard } from './BoundariesCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'shop' },
  spec: { type: 'service', owner: 'group:shop/checkout' },
};

async function renderCard(api: AutonomyApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[autonomyApiRef, api]]}>
      <EntityProvider entity={entity}>
        <BoundariesCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const outboundList = () =>
  screen.findByRole('list', { name: 'Dependencies on other teams' });

const notFound = () =>
  ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'Not analysed yet' },
        response: { statusCode: 404 },
      }),
      {
        status: 404,
        statusText: 'Not Found',
        headers: { 'content-type': 'application/json' },
      },
    ),
  );

describe('BoundariesCard', () => {
  it("asks for the boundaries of the entity's compound ref", async () => {
    const api = fakeAutonomyApi({
      getEntityBoundaries: async () => entityBoundaries(),
    });
    await renderCard(api);
    await outboundList();
    expect(api.getEntityBoundaries).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'shop',
      name: 'checkout-api',
    });
  });

  it("shows the owner and the owner's team API", async () => {
    await renderCard(
      fakeAutonomyApi({ getEntityBoundaries: async () => entityBoundaries() }),
    );
    await outboundList();
    expect(screen.getByText('Boundaries')).toBeInTheDocument();
    const owner = screen.getByRole('region', { name: 'Owner' });
    expect(
      within(owner).getByRole('link', { name: /checkout/ }),
    ).toHaveAttribute('href', '/catalog/shop/group/checkout');
    expect(owner).toHaveTextContent('Team type: Stream-aligned');
    // A chat channel is text, not a link to an anchor on this page.
    expect(owner).toHaveTextContent('Support: #checkout-help');
    expect(
      within(owner).queryByRole('link', { name: '#checkout-help' }),
    ).not.toBeInTheDocument();
    const interactions = within(owner).getByRole('list', {
      name: 'Team interactions',
    });
    expect(
      within(interactions)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'X-as-a-Service with platform',
      'Collaboration with shop/payments, until 2099-03-31',
    ]);
  });

  it('lists outbound dependencies worst first, with health in words, the other team, the way and the fix', async () => {
    await renderCard(
      fakeAutonomyApi({ getEntityBoundaries: async () => entityBoundaries() }),
    );
    const list = await outboundList();
    const items = within(list).getAllByRole('listitem');
    expect(items.map(li => li.textContent)).toEqual([
      'Boundary violationshop/ledger of shop/payments · directHow to fix: Depend on an API of payments instead of their component ledger directly.',
      'Contract gapk8s-api of platform · via APIHow to fix: Ask platform to declare the SLA of k8s-api.',
      'Healthyshop/payments-api of shop/payments · via API',
    ]);
    expect(
      within(items[0]).getByRole('link', { name: /ledger/ }),
    ).toHaveAttribute('href', '/catalog/shop/component/ledger');
    expect(
      within(items[0]).getByRole('link', { name: /payments/ }),
    ).toHaveAttribute('href', '/catalog/shop/group/payments');
    // The icon is decoration: the word carries the state.
    expect(items[0].querySelector('svg')).toHaveAttribute(
      'aria-hidden',
      'true',
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('summarises inbound dependencies and lists them on request', async () => {
    await renderCard(
      fakeAutonomyApi({ getEntityBoundaries: async () => entityBoundaries() }),
    );
    await outboundList();
    const summary = screen.getByRole('button', {
      name: '2 dependencies from 1 other team',
    });
    expect(summary).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(summary);
    expect(summary).toHaveAttribute('aria-expanded', 'true');
    const inbound = screen.getByRole('list', {
      name: 'Dependencies from other teams',
    });
    expect(
      within(inbound)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'shop/search-ui of shop/search · direct · Boundary violation',
      'shop/search-api of shop/search · direct · Boundary violation',
    ]);
  });

  it('shows problems in a warning panel that is open from the start', async () => {
    await renderCard(
      fakeAutonomyApi({
        getEntityBoundaries: async () => ({
          ...entityBoundaries(),
          problems: [
            {
              type: 'self-dependency',
              entityRef: 'component:shop/checkout-api',
              refs: ['component:shop/checkout-api'],
              message: 'checkout-api depends on itself',
            },
            {
              type: 'missing-target',
              entityRef: 'component:shop/checkout-api',
              refs: ['component:shop/gone'],
              message:
                'checkout-api depends on component:shop/gone, which is not in the catalog',
            },
            {
              type: 'dependency-cycle',
              entityRef: 'component:shop/checkout-api',
              refs: ['component:shop/checkout-api', 'component:shop/cart'],
              message: 'Dependency cycle: checkout-api → cart → checkout-api',
            },
          ],
        }),
      }),
    );
    const panel = await screen.findByRole('alert');
    expect(
      within(panel).getByText('Warning: 3 boundary problems'),
    ).toBeInTheDocument();
    const items = within(panel).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toBeVisible();
    expect(items[0]).toHaveTextContent(
      'Depends on itself: checkout-api depends on itself',
    );
    expect(items[1]).toHaveTextContent(
      'Dependency not in the catalog: checkout-api depends on component:shop/gone',
    );
    expect(items[2]).toHaveTextContent(
      'Dependency cycle: Dependency cycle: checkout-api → cart → checkout-api',
    );
    expect(
      within(items[2])
        .getAllByRole('link')
        .map(a => a.getAttribute('href')),
    ).toEqual([
      '/catalog/shop/component/checkout-api',
      '/catalog/shop/component/cart',
      '/catalog/shop/component/checkout-api',
    ]);
  });

  it('says so kindly when no dependency crosses a team boundary', async () => {
    await renderCard(
      fakeAutonomyApi({
        getEntityBoundaries: async () => ({
          ...entityBoundaries(),
          ownerTeamApi: undefined,
          outbound: [],
          inbound: [],
        }),
      }),
    );
    expect(
      await screen.findByRole('heading', {
        name: 'No dependencies cross a team boundary',
      }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Dependencies on other teams' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(
      document.querySelector('time[datetime="2026-01-10T08:00:00Z"]'),
    ).toBeInTheDocument();
  });

  it('says "no owner" for an entity without one', async () => {
    await renderCard(
      fakeAutonomyApi({
        getEntityBoundaries: async () => ({
          ...entityBoundaries(),
          ownerRef: undefined,
          ownerTeamApi: undefined,
        }),
      }),
    );
    const owner = await screen.findByRole('region', { name: 'Owner' });
    expect(owner).toHaveTextContent('No owner');
  });

  it('says "not analysed yet" on a 404, without an error panel', async () => {
    await renderCard(
      fakeAutonomyApi({
        getEntityBoundaries: () => notFound().then(e => Promise.reject(e)),
      }),
    );
    expect(
      await screen.findByRole('heading', { name: 'Not analysed yet' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Request failed/)).not.toBeInTheDocument();
  });

  it('shows other errors in an error panel', async () => {
    await renderCard(
      fakeAutonomyApi({
        getEntityBoundaries: () =>
          Promise.reject(new Error('Autonomy backend unavailable')),
      }),
    );
    expect(
      await screen.findAllByText(/Autonomy backend unavailable/),
    ).not.toHaveLength(0);
  });
});
