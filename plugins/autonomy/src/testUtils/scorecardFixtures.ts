import {
  emptyStateCounts,
  type GuardrailsResponse,
  type HistoryResponse,
  type Rollup,
  type RollupListResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import type {
  HeatmapResponse,
  ScorecardListItem,
  ScorecardPage,
} from '../api/AutonomyApi';

export const EVALUATED_AT = '2026-11-21T10:00:00Z';

const noCounts = emptyStateCounts();

export const scoreGuardrails: GuardrailsResponse = {
  levels: ['bronze', 'silver', 'gold'],
  guardrails: [
    {
      id: 'owner-is-team',
      title: 'Owned by a team',
      rationale: { why: 'w' },
      appliesTo: {},
      rule: { fact: 'owner.isTeam', equals: true },
      level: 'bronze',
      weight: 1,
      mode: 'enforced',
    },
    {
      id: 'has-runbook',
      title: 'Has a runbook',
      rationale: { why: 'w' },
      appliesTo: {},
      rule: { fact: 'runbook', exists: true },
      level: 'silver',
      weight: 1,
      mode: 'enforced',
    },
  ],
};

export const scoreItem = (
  overrides: Partial<ScorecardListItem> = {},
): ScorecardListItem => ({
  entityRef: 'component:default/cart-service',
  kind: 'component',
  title: 'Cart service',
  ownerRef: 'group:default/checkout',
  systemRef: 'system:default/shop',
  domainRef: 'domain:default/commerce',
  level: 'silver',
  score: 85.7,
  counts: { ...noCounts, pass: 6, fail: 1 },
  failingGuardrailIds: ['has-runbook'],
  evaluatedAt: EVALUATED_AT,
  trend: [
    { day: '2026-11-19', score: 70 },
    { day: '2026-11-20', score: 80 },
    { day: '2026-11-21', score: 85.7 },
  ],
  ...overrides,
});

export const scorePage = (
  items: ScorecardListItem[] = [
    scoreItem(),
    scoreItem({
      entityRef: 'api:default/cart-api',
      kind: 'api',
      title: 'Cart API',
      level: null,
      score: 40,
      failingGuardrailIds: ['owner-is-team', 'has-runbook'],
      trend: [{ day: '2026-11-21', score: 40 }],
    }),
  ],
  total = items.length,
): ScorecardPage => ({ items, total, evaluatedAt: EVALUATED_AT });

export const rollup = (ref: string, overrides: Partial<Rollup> = {}) => ({
  ref,
  entityCount: 4,
  averageScore: 87.5,
  levelCounts: { bronze: 1, silver: 1, gold: 2, none: 0 },
  stateCounts: { ...noCounts, pass: 14, fail: 2 },
  ...overrides,
});

export const rollups = (...items: Rollup[]): RollupListResponse => ({
  items,
  total: items.length,
  evaluatedAt: EVALUATED_AT,
});

/** Roll-ups per scope, as the filter bar and the level distribution ask for them. */
export const rollupsByScope = async (
  scope: string,
): Promise<RollupListResponse> => {
  switch (scope) {
    case 'team':
      return rollups(
        rollup('group:default/checkout'),
        rollup('group:default/payments'),
      );
    case 'system':
      return rollups(rollup('system:default/shop'));
    case 'domain':
      return rollups(rollup('domain:default/commerce'));
    default:
      return rollups(
        rollup('org', {
          entityCount: 10,
          averageScore: 91.2,
          levelCounts: { bronze: 2, silver: 1, gold: 6, none: 1 },
        }),
      );
  }
};

export const heatmap = (): HeatmapResponse => ({
  teams: ['group:default/checkout', 'group:default/payments'],
  guardrails: [
    { id: 'owner-is-team', title: 'Owned by a team', level: 'bronze' },
    { id: 'has-runbook', title: 'Has a runbook', level: 'silver' },
  ],
  cells: [
    {
      ownerRef: 'group:default/checkout',
      guardrailId: 'owner-is-team',
      counts: { pass: 4, fail: 1 },
      total: 5,
      metShare: 0.8,
    },
    {
      ownerRef: 'group:default/checkout',
      guardrailId: 'has-runbook',
      counts: { pass: 1, exempt: 1, fail: 1 },
      total: 3,
      metShare: 0.667,
    },
    {
      ownerRef: 'group:default/payments',
      guardrailId: 'owner-is-team',
      counts: { fail: 2 },
      total: 2,
      metShare: 0,
    },
  ],
  evaluatedAt: EVALUATED_AT,
});

export const orgHistory = (
  scores: (number | null)[] = [88, 90, 91.2],
): HistoryResponse => ({
  scope: 'org',
  ref: 'org',
  points: scores.map((score, i) => ({
    day: `2026-11-${String(19 + i).padStart(2, '0')}`,
    score,
    entityCount: 10,
    levelCounts: {},
  })),
});
