import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { autonomyApiRef } from '../../api/AutonomyApi';
import { EntityAutonomyContent } from './EntityAutonomyContent';
import { guardrails, scorecard } from '../GuardrailScorecard/testFixtures';

describe('EntityAutonomyContent', () => {
  it('shows the mission and the guardrail scorecard of the entity', async () => {
    const api = {
      getMissionChain: jest.fn(async () => ({
        entityRef: 'system:default/checkout',
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
          via: 'annotation' as const,
          sourceRef: 'system:default/checkout',
        },
        missionProblems: [],
        evaluatedAt: '2026-11-21T10:00:00Z',
      })),
      getEntityScorecard: jest.fn(async () => scorecard()),
      getGuardrails: jest.fn(async () => guardrails),
    };
    await renderInTestApp(
      <TestApiProvider apis={[[autonomyApiRef, api as any]]}>
        <EntityProvider
          entity={{
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'System',
            metadata: { name: 'checkout' },
          }}
        >
          <EntityAutonomyContent />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(await screen.findByText('Mission')).toBeInTheDocument();
    expect(
      screen.getAllByText('The right gear, when promised').length,
    ).toBeGreaterThan(0);
    expect(api.getMissionChain).toHaveBeenCalledWith({
      kind: 'System',
      namespace: 'default',
      name: 'checkout',
    });
    expect(screen.getByText('Guardrails')).toBeInTheDocument();
    expect(await screen.findByText('82 / 100')).toBeInTheDocument();
    expect(api.getEntityScorecard).toHaveBeenCalledWith({
      kind: 'System',
      namespace: 'default',
      name: 'checkout',
    });
  });
});
