import {
  emptyStateCounts,
  type EntityScore,
  type EntityScorecardResponse,
  type Exemption,
} from '@aligned-autonomy/plugin-autonomy-common';

/** Responses in the shape of the spec, for route tests over service doubles. */
export const evaluatedAt = '2026-11-26T10:00:00.000Z';

export const score = (entityRef = 'component:default/a'): EntityScore => ({
  entityRef,
  kind: 'component',
  title: 'A',
  ownerRef: 'group:default/one',
  level: 'bronze',
  score: 50,
  counts: { ...emptyStateCounts(), pass: 1, fail: 1 },
  failingGuardrailIds: ['has-runbook'],
  evaluatedAt,
});

export const exemption = (overrides: Partial<Exemption> = {}): Exemption => ({
  id: '0b7d3a52-3c1e-4a43-9a55-2f1f0a3f7d10',
  entityRef: 'component:default/a',
  guardrailId: 'has-runbook',
  reason: 'Runbook is being written',
  expiresAt: '2026-12-20T00:00:00.000Z',
  createdBy: 'user:default/maya',
  createdAt: evaluatedAt,
  status: 'active',
  ...overrides,
});

export const scorecard = (
  entityRef = 'component:default/a',
): EntityScorecardResponse => ({
  ...score(entityRef),
  nextLevel: { level: 'silver', blockingGuardrailIds: ['has-runbook'] },
  results: [
    {
      guardrailId: 'has-runbook',
      state: 'fail',
      facts: [{ id: 'runbook', value: null, source: 'catalog' }],
    },
  ],
  exemptions: [exemption({ status: 'expired' })],
  trend: [{ day: '2026-11-25', score: 40, entityCount: 1, levelCounts: {} }],
  aligned: { guardrailCount: 1, metCount: 0, score: 0, optedOutCount: 0 },
  autonomous: { guardrailCount: 0, metCount: 0, score: null, optedOutCount: 0 },
});
