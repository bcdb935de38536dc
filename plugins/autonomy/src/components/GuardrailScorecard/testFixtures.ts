import type {
  EntityScorecardResponse,
  Exemption,
  GuardrailDefinition,
  GuardrailsResponse,
  HistoryPoint,
} from '@aligned-autonomy/plugin-autonomy-common';

const DAY = 24 * 60 * 60 * 1000;
export const daysAgo = (n: number) =>
  new Date(Date.now() - n * DAY).toISOString();

const guardrail = (
  id: string,
  overrides: Partial<GuardrailDefinition> = {},
): GuardrailDefinition => ({
  id,
  title: id,
  rationale: { why: `${id} why` },
  appliesTo: {},
  rule: { fact: `${id}.ok`, equals: true },
  level: 'bronze',
  weight: 1,
  mode: 'enforced',
  ...overrides,
});

export const guardrails: GuardrailsResponse = {
  levels: ['bronze', 'silver', 'gold'],
  guardrails: [
    guardrail('owner-is-team', { title: 'Owned by a team' }),
    guardrail('has-runbook', {
      title: 'Has a runbook',
      level: 'silver',
      description: 'Production services link their runbook.',
      rationale: {
        why: 'On-call engineers need to know what to do at 3am.',
        risk: 'Longer outages.',
        howToFix: 'Add the runbook annotation.',
        howToAppeal: 'Ask the SRE guild for an exemption.',
        evidenceUrl: 'https://example.com/adr/12',
        ownerRef: 'group:default/sre',
      },
    }),
    guardrail('on-call', {
      title: 'Has an on-call rotation',
      level: 'gold',
      mode: 'grace',
      enforcedFrom: '2026-06-01',
    }),
    guardrail('sbom', { title: 'Publishes an SBOM', level: 'silver' }),
    guardrail('chaos-tested', {
      title: 'Chaos tested',
      level: 'gold',
      mode: 'warning',
    }),
    guardrail('api-spec', {
      title: 'Has an API spec',
      appliesTo: { kind: ['API'] },
    }),
  ],
};

export const exemption: Exemption = {
  id: 'ex-1',
  entityRef: 'component:shop/checkout-api',
  guardrailId: 'sbom',
  reason: 'SBOM tooling lands next quarter',
  expiresAt: '2026-03-31T23:59:59.999Z',
  compensatingControl: 'Manual dependency review',
  createdBy: 'user:default/jane',
  createdAt: '2026-01-05T09:00:00Z',
  status: 'active',
};

export const trend = (scores: (number | null)[]): HistoryPoint[] =>
  scores.map((score, i) => ({
    day: new Date(Date.UTC(2026, 0, 1) + i * DAY).toISOString().slice(0, 10),
    score,
    entityCount: 1,
    levelCounts: {},
  }));

export const scorecard = (): EntityScorecardResponse => ({
  entityRef: 'component:shop/checkout-api',
  kind: 'Component',
  title: 'checkout-api',
  level: 'bronze',
  score: 82,
  counts: {
    pass: 1,
    fail: 1,
    warning: 1,
    'not-applicable': 1,
    exempt: 1,
    unknown: 1,
    error: 0,
  },
  failingGuardrailIds: ['has-runbook', 'on-call'],
  nextLevel: { level: 'silver', blockingGuardrailIds: ['has-runbook'] },
  aligned: { guardrailCount: 5, metCount: 2, score: 50, optedOutCount: 0 },
  autonomous: { guardrailCount: 0, metCount: 0, score: null, optedOutCount: 0 },
  results: [
    {
      guardrailId: 'owner-is-team',
      state: 'pass',
      facts: [{ id: 'owner.isTeam', value: true, source: 'catalog' }],
    },
    {
      guardrailId: 'has-runbook',
      state: 'fail',
      message: 'runbook.present is false, expected true',
      facts: [
        {
          id: 'runbook.present',
          value: false,
          source: 'pushed',
          observedAt: daysAgo(3),
        },
      ],
    },
    {
      guardrailId: 'on-call',
      state: 'unknown',
      message: 'pagerduty.schedules is older than 7 days',
      facts: [
        {
          id: 'pagerduty.schedules',
          value: ['primary', 'secondary'],
          source: 'provider',
          observedAt: daysAgo(40),
          unknown: true,
        },
      ],
    },
    {
      guardrailId: 'sbom',
      state: 'exempt',
      exemptionId: 'ex-1',
      facts: [],
    },
    {
      guardrailId: 'chaos-tested',
      state: 'warning',
      message: 'No chaos experiment in the last 90 days',
      facts: [],
    },
    { guardrailId: 'api-spec', state: 'not-applicable', facts: [] },
  ],
  exemptions: [exemption],
  trend: trend([70, null, ...Array(27).fill(75), 82]),
  evaluatedAt: '2026-01-10T08:00:00Z',
});
