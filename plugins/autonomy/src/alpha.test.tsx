import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import plugin from './alpha';
import { autonomyApiRef } from './api/AutonomyApi';
import { fakeAutonomyApi } from './testUtils/fakeAutonomyApi';

const EXTENSION_IDS = [
  'api:autonomy',
  'page:autonomy',
  'entity-content:autonomy',
  'entity-card:autonomy/mission',
  'entity-card:autonomy/guardrails',
  'entity-card:autonomy/boundaries',
  'entity-card:autonomy/team-autonomy',
];

describe('autonomy plugin for the new frontend system', () => {
  it('provides the documented extensions', () => {
    expect(plugin.id).toBe('autonomy');
    for (const id of EXTENSION_IDS) {
      expect(plugin.getExtension(id as any)).toBeDefined();
    }
  });

  it('renders the mission card extension for an entity', async () => {
    const api = fakeAutonomyApi({
      getMissionChain: async () => ({
        entityRef: 'component:default/checkout-api',
        chain: [
          {
            ref: 'mission:default/north-star',
            title: 'The right gear, when promised',
            ownerRef: 'group:default/org',
            statement: 'Deliver',
            why: 'Because',
            stale: false,
            successMetrics: [],
          },
        ],
        resolution: {
          missionRef: 'mission:default/north-star',
          via: 'owner',
          sourceRef: 'group:default/org',
        },
        missionProblems: [],
        evaluatedAt: '2026-11-21T10:00:00Z',
      }),
    });
    const tester = createExtensionTester(
      plugin.getExtension('entity-card:autonomy/mission') as any,
      {
        apis: [[autonomyApiRef, api]],
      },
    );
    renderInTestApp(
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'checkout-api' },
        }}
      >
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [[autonomyApiRef, api]],
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name':
            convertLegacyRouteRef(entityRouteRef),
        },
      },
    );
    expect(await screen.findByText('Mission')).toBeInTheDocument();
    expect(
      (await screen.findAllByText('The right gear, when promised')).length,
    ).toBeGreaterThan(0);
    expect(api.getMissionChain).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'checkout-api',
    });
  });
});
