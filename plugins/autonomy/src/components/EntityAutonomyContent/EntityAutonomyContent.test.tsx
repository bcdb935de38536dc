import { screen } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import type { MissionChainResponse } from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyApiRef, type AutonomyApi } from '../../api/AutonomyApi';
import { EntityAutonomyContent } from './EntityAutonomyContent';
import { guardrails, scorecard } from '../GuardrailScorecard/testFixtures';
import { fakeAutonomyApi } from '../../testUtils/fakeAutonomyApi';
import {
  rollup,
  rollups,
  scoreItem,
  scorePage,
} from '../../testUtils/scorecardFixtures';
import {
  entityBoundaries,
  teamAutonomy,
  teamBoundaries,
} from '../../testUtils/boundaryFixtures';

const chain = (entityRef: string): MissionChainResponse => ({
  entityRef,
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
    via: 'annotation',
    sourceRef: entityRef,
  },
  missionProblems: [],
  evaluatedAt: '2026-11-21T10:00:00Z',
});

const makeApi = () =>
  fakeAutonomyApi({
    getMissionChain: async () => chain('system:default/checkout'),
    getEntityScorecard: async () => scorecard(),
    getGuardrails: async () => guardrails,
    getEntityBoundaries: async () => entityBoundaries(),
    getTeamAutonomy: async () => teamAutonomy(),
    getTeamBoundaries: async () => teamBoundaries(),
    listScorecards: async () =>
      scorePage([
        scoreItem({
          entityRef: 'component:shop/cart-service',
          title: 'Cart service',
          ownerRef: 'group:shop/checkout',
        }),
      ]),
    getRollups: async () => rollups(rollup('group:shop/checkout')),
  });

async function renderContent(api: AutonomyApi, entity: Entity) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [autonomyApiRef, api],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityAutonomyContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'checkout' },
};

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'checkout', namespace: 'shop' },
  spec: { type: 'team', children: [] },
};

describe('EntityAutonomyContent', () => {
  it('shows the mission, the guardrail scorecard and the boundaries of a non-group entity', async () => {
    const api = makeApi();
    await renderContent(api, system);
    const ref = { kind: 'System', namespace: 'default', name: 'checkout' };
    expect(await screen.findByText('Mission')).toBeInTheDocument();
    expect(
      screen.getAllByText('The right gear, when promised').length,
    ).toBeGreaterThan(0);
    expect(api.getMissionChain).toHaveBeenCalledWith(ref);
    expect(screen.getByText('Guardrails')).toBeInTheDocument();
    expect(await screen.findByText('82 / 100')).toBeInTheDocument();
    expect(api.getEntityScorecard).toHaveBeenCalledWith(ref);

    expect(screen.getByText('Boundaries')).toBeInTheDocument();
    expect(
      await screen.findByRole('list', { name: 'Dependencies on other teams' }),
    ).toBeInTheDocument();
    expect(api.getEntityBoundaries).toHaveBeenCalledWith(ref);
    expect(screen.queryByText('Team autonomy')).not.toBeInTheDocument();
    expect(api.getTeamAutonomy).not.toHaveBeenCalled();
    expect(screen.queryByText('Services of this team')).not.toBeInTheDocument();
    expect(api.listScorecards).not.toHaveBeenCalled();
  });

  it("shows the team's autonomy instead of boundaries on a group", async () => {
    const api = makeApi();
    await renderContent(api, group);
    expect(await screen.findByText('Team autonomy')).toBeInTheDocument();
    expect(await screen.findByText('Trusted')).toBeInTheDocument();
    expect(api.getTeamAutonomy).toHaveBeenCalledWith({
      kind: 'Group',
      namespace: 'shop',
      name: 'checkout',
    });
    expect(screen.queryByText('Boundaries')).not.toBeInTheDocument();
    expect(api.getEntityBoundaries).not.toHaveBeenCalled();
  });

  it("shows the scorecards of the team's services on a group, not the group's own guardrails", async () => {
    const api = makeApi();
    await renderContent(api, group);
    expect(
      await screen.findByText('Services of this team'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: /Cart service/ }),
    ).toBeInTheDocument();
    expect(api.listScorecards).toHaveBeenCalledWith({
      ownerRef: ['group:shop/checkout'],
      orderBy: 'score',
      order: 'asc',
      limit: 10,
    });
    // Guardrails apply to what a team owns: no scorecard of the group itself.
    expect(screen.queryByText('Guardrails')).not.toBeInTheDocument();
    expect(api.getEntityScorecard).not.toHaveBeenCalled();
  });
});
