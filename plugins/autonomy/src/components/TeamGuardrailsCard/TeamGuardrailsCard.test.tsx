import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { TeamGuardrailsResponse } from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyApiRef } from '../../api/AutonomyApi';
import { fakeAutonomyApi } from '../../testUtils/fakeAutonomyApi';
import { TeamGuardrailsCard } from './TeamGuardrailsCard';

const definition = (id: string, type: 'required' | 'recommended' | 'team') => ({
  id,
  title: `Title of ${id}`,
  rationale: { why: 'Because' },
  appliesTo: {},
  rule: { fact: 'owner.isTeam', equals: true },
  level: 'silver',
  weight: 1,
  mode: 'enforced' as const,
  type,
});

const guardrails: TeamGuardrailsResponse = {
  teamRef: 'group:default/checkout',
  aligned: { guardrailCount: 6, resultCount: 20, metCount: 15, metShare: 0.75 },
  autonomous: { guardrailCount: 2, resultCount: 8, metCount: 8, metShare: 1 },
  standards: [
    {
      guardrail: definition('checkout-coverage-90', 'team'),
      passRate: { counts: { pass: 4 }, total: 4, metShare: 1 },
    },
  ],
  organisation: [
    {
      guardrail: definition('has-techdocs', 'recommended'),
      passRate: { counts: { pass: 1, fail: 1 }, total: 2, metShare: 0.5 },
    },
  ],
  optOuts: [
    {
      guardrailId: 'has-techdocs',
      teamRef: 'group:default/checkout',
      declaredOn: 'group:default/checkout',
      reason: 'Docs live in the monorepo wiki until Q2',
      since: '2026-11-20T10:00:00.000Z',
    },
  ],
  tightenings: [
    {
      guardrailId: 'coverage',
      teamRef: 'group:default/checkout',
      fact: 'ci.coverage',
      operator: 'greaterThanOrEqual',
      value: 90,
      since: '2026-11-21T10:00:00.000Z',
    },
  ],
  evaluatedAt: '2026-11-26T12:00:00.000Z',
};

const team = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'team' },
};

describe('TeamGuardrailsCard', () => {
  it('shows the aligned and autonomous halves apart, the team standards, opt-outs and tightenings', async () => {
    const api = fakeAutonomyApi({
      getTeamGuardrails: async () => guardrails,
    });
    await renderInTestApp(
      <TestApiProvider apis={[[autonomyApiRef, api]]}>
        <EntityProvider entity={team}>
          <TeamGuardrailsCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const aligned = await screen.findByRole('region', { name: 'Aligned' });
    expect(aligned).toHaveTextContent('75%');
    expect(aligned).toHaveTextContent('15 of 20 met');
    const autonomous = screen.getByRole('region', { name: 'Autonomous' });
    expect(autonomous).toHaveTextContent('100%');
    expect(autonomous).toHaveTextContent('8 of 8 met');
    expect(
      within(screen.getByRole('table', { name: 'Our standards' })).getByText(
        'Title of checkout-coverage-90',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Opt-outs' })).toHaveTextContent(
      'Docs live in the monorepo wiki until Q2',
    );
    expect(screen.getByRole('list', { name: 'Tightenings' })).toHaveTextContent(
      'ci.coverage at least 90',
    );
    expect(api.getTeamGuardrails).toHaveBeenCalledWith({
      kind: 'Group',
      namespace: 'default',
      name: 'checkout',
    });
  });
});
