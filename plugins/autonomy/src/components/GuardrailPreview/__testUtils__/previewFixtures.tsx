import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { GuardrailPreviewResponse } from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyApiRef, type AutonomyApi } from '../../../api/AutonomyApi';
import { GuardrailPreviewContent } from '../GuardrailPreviewContent';

/** A previewed guardrail's impact as the backend answers it. */
const counts = (pass: number, fail: number, unknown = 0) => ({
  applicable: pass + fail + unknown,
  pass,
  fail,
  warning: 0,
  exempt: 0,
  unknown,
  error: 0,
});

export const impact: GuardrailPreviewResponse = {
  guardrail: {
    id: 'coverage',
    title: 'Coverage of 80%',
    rationale: { why: 'Untested code breaks' },
    appliesTo: { kind: ['component'] },
    rule: { fact: 'ci.coverage', greaterThanOrEqual: 80 },
    level: 'silver',
    weight: 1,
    mode: 'enforced',
  },
  change: 'new',
  entityCount: 40,
  counts: counts(3, 2, 1),
  byTeam: [
    { key: 'group:default/checkout', counts: counts(1, 2) },
    { key: '', counts: counts(2, 0, 1) },
  ],
  byLevel: [{ key: 'bronze', counts: counts(3, 2, 1) }],
  failing: [
    {
      entityRef: 'component:default/checkout-api',
      title: 'Checkout API',
      ownerRef: 'group:default/checkout',
      result: {
        guardrailId: 'coverage',
        state: 'fail',
        message: 'ci.coverage is 55, not at least 80',
        facts: [{ id: 'ci.coverage', value: 55, source: 'pushed' }],
      },
    },
  ],
  levelMoves: [
    {
      teamRef: 'group:default/checkout',
      up: 0,
      down: 1,
      entities: [
        {
          entityRef: 'component:default/checkout-api',
          title: 'Checkout API',
          from: 'silver',
          to: 'bronze',
        },
      ],
    },
  ],
  evaluatedAt: '2026-11-26T12:00:00.000Z',
};

/** The preview content over `api`, with or without the preview permission. */
export const renderPreview = (api: AutonomyApi, allowed = true) =>
  renderInTestApp(
    <TestApiProvider
      apis={[
        [autonomyApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          }),
        ],
      ]}
    >
      <GuardrailPreviewContent />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
