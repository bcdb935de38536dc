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
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import type { Entity } from '@backstage/catalog-model';
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
  'entity-card:autonomy/campaigns',
];

const ofKind = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

describe('autonomy plugin for the new frontend system', () => {
  it('puts its page in the navigation: a title and an icon', () => {
    const page = createExtensionTester(
      plugin.getExtension('page:autonomy') as any,
    );
    expect(page.get(coreExtensionData.title)).toBe('Autonomy');
    expect(page.get(coreExtensionData.icon)).toBeTruthy();
  });

  it('chooses entities with filter predicates, never the deprecated filter strings', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    const shownFor = (id: string) => {
      const filter: (entity: Entity) => boolean = createExtensionTester(
        plugin.getExtension(id as any) as any,
      ).get(EntityCardBlueprint.dataRefs.filterFunction);
      return [
        'Component',
        'API',
        'System',
        'Resource',
        'Group',
        'Mission',
        'Domain',
      ].filter(kind => filter(ofKind(kind)));
    };
    expect(shownFor('entity-content:autonomy')).toEqual([
      'Component',
      'API',
      'System',
      'Group',
    ]);
    expect(shownFor('entity-card:autonomy/mission')).toEqual([
      'Component',
      'API',
      'System',
      'Group',
      'Mission',
    ]);
    expect(shownFor('entity-card:autonomy/guardrails')).toEqual([
      'Component',
      'API',
      'System',
      'Resource',
    ]);
    expect(shownFor('entity-card:autonomy/boundaries')).toEqual([
      'Component',
      'API',
      'System',
    ]);
    expect(shownFor('entity-card:autonomy/team-autonomy')).toEqual(['Group']);
    expect(shownFor('entity-card:autonomy/campaigns')).toEqual([
      'Component',
      'API',
      'System',
      'Resource',
      'Group',
    ]);
    const deprecations = warn.mock.calls.filter(([message]) =>
      /deprecated/i.test(String(message)),
    );
    warn.mockRestore();
    expect(deprecations).toEqual([]);
  });

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
