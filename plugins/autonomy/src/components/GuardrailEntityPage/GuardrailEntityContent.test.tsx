import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { GuardrailDetailResponse } from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyApiRef } from '../../api/AutonomyApi';
import { fakeAutonomyApi } from '../../testUtils/fakeAutonomyApi';
import { GuardrailEntityContent } from './GuardrailEntityContent';

const detail: GuardrailDetailResponse = {
  guardrail: {
    id: 'tier1-has-slo',
    title: 'Tier-1 services declare an SLO',
    rationale: {
      why: 'Without an objective nobody knows when to stop shipping.',
      howToFix: 'Add the aligned-autonomy.io/slo annotation.',
    },
    appliesTo: { kind: ['component'], tier: ['1'] },
    rule: { fact: 'entity.annotations.aligned-autonomy.io/slo', exists: true },
    level: 'silver',
    weight: 2,
    mode: 'enforced',
    type: 'recommended',
    source: 'catalog',
    ownerRef: 'group:default/sre-enablement',
    entityRef: 'guardrail:default/tier1-has-slo',
  },
  overall: { counts: { pass: 3, fail: 1 }, total: 4, metShare: 0.75 },
  teams: [
    {
      ownerRef: 'group:default/checkout',
      counts: { fail: 1, pass: 1 },
      total: 2,
      metShare: 0.5,
    },
    {
      ownerRef: 'group:default/payments',
      counts: { pass: 2 },
      total: 2,
      metShare: 1,
    },
  ],
  history: [
    { day: '2026-11-24', total: 4, met: 2, metShare: 0.5 },
    { day: '2026-11-25', total: 4, met: 3, metShare: 0.75 },
  ],
  exemptions: [
    {
      id: 'x1',
      entityRef: 'component:default/gift-cards',
      guardrailId: 'tier1-has-slo',
      reason: 'Being retired in December',
      expiresAt: '2026-12-31T00:00:00.000Z',
      createdBy: 'user:default/maya',
      createdAt: '2026-11-20T00:00:00.000Z',
      status: 'active',
    },
  ],
  optOuts: [
    {
      guardrailId: 'tier1-has-slo',
      teamRef: 'group:default/growth-hacks',
      declaredOn: 'group:default/growth-hacks',
      reason: 'Experiments only, nothing tier-1',
      since: '2026-11-22T00:00:00.000Z',
    },
  ],
  tightenings: [],
  problems: [],
  evaluatedAt: '2026-11-26T12:00:00.000Z',
};

const guardrailEntity = {
  apiVersion: 'aligned-autonomy.io/v1alpha1',
  kind: 'Guardrail',
  metadata: { name: 'tier1-has-slo', namespace: 'default' },
  spec: {},
};

describe('GuardrailEntityContent', () => {
  it("shows a guardrail's rationale, owner, reach, pass rates, exemptions, opt-outs and failing entities", async () => {
    const api = fakeAutonomyApi({
      getGuardrail: async () => detail,
      getGuardrailFailing: async () => ({
        items: [
          {
            entityRef: 'component:default/checkout-api',
            kind: 'component',
            title: 'Checkout API',
            ownerRef: 'group:default/checkout',
            level: 'bronze',
            score: 60,
            counts: {
              pass: 3,
              fail: 1,
              warning: 0,
              'not-applicable': 0,
              exempt: 0,
              unknown: 0,
              error: 0,
            },
            failingGuardrailIds: ['tier1-has-slo'],
            evaluatedAt: '2026-11-26T12:00:00.000Z',
          },
        ],
        total: 1,
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[autonomyApiRef, api]]}>
        <EntityProvider entity={guardrailEntity}>
          <GuardrailEntityContent />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(
      await screen.findByText(/nobody knows when to stop shipping/),
    ).toBeInTheDocument();
    expect(api.getGuardrail).toHaveBeenCalledWith('tier1-has-slo', 90);
    expect(screen.getByText(/kind: component; tier: 1/)).toBeInTheDocument();
    expect(screen.getByText(/a team may opt out/)).toBeInTheDocument();
    expect(screen.getByText('75% met (4 results)')).toBeInTheDocument();
    const teams = screen.getByRole('table', { name: 'Pass rate per team' });
    expect(within(teams).getByText('50% met (2 results)')).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Open exemptions' }),
    ).toHaveTextContent('Being retired in December');
    expect(screen.getByRole('list', { name: 'Opt-outs' })).toHaveTextContent(
      'Experiments only, nothing tier-1',
    );
    expect(
      within(screen.getByRole('table', { name: 'Failing entities' })).getByText(
        'Checkout API',
      ),
    ).toBeInTheDocument();
  });
});
