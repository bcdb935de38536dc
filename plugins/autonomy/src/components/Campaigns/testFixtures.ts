import type {
  CampaignResponse,
  CampaignSummary,
} from '@aligned-autonomy/plugin-autonomy-common';

export const tier1: CampaignSummary = {
  ref: 'campaign:default/tier1-slos',
  title: 'Tier-1 SLOs',
  ownerRef: 'group:default/sre-enablement',
  why: 'Tier-1 outages cost the **most**.',
  deadline: '2027-03-31',
  enforced: false,
  daysLeft: 14,
  guardrails: [
    {
      id: 'tier1-has-slo',
      known: true,
      title: 'Tier-1 service has an SLO',
      howToFix: 'Add aligned-autonomy.io/slo.',
    },
    { id: 'typo-guardrail', known: false },
  ],
  targets: { tiers: ['1'] },
  done: 3,
  total: 5,
  teams: [
    { teamRef: 'group:default/search', done: 0, total: 1 },
    { teamRef: 'group:default/checkout', done: 1, total: 2 },
    { teamRef: 'group:default/payments', done: 2, total: 2 },
  ],
  teamsBehind: ['group:default/search', 'group:default/checkout'],
};

export const pastDue: CampaignSummary = {
  ...tier1,
  ref: 'campaign:default/docs',
  title: 'Docs next to the code',
  deadline: '2026-11-15',
  enforced: true,
  daysLeft: -11,
  done: 9,
  total: 13,
};

export const tier1Page: CampaignResponse = {
  ...tier1,
  burnup: [
    { day: '2027-03-01', done: 1, total: 5 },
    { day: '2027-03-02', done: 2, total: 5 },
    { day: '2027-03-03', done: 3, total: 5 },
  ],
  teamBurnups: [
    {
      teamRef: 'group:default/checkout',
      points: [
        { day: '2027-03-01', done: 0, total: 2 },
        { day: '2027-03-03', done: 1, total: 2 },
      ],
    },
  ],
  behind: [
    {
      teamRef: 'group:default/search',
      done: 0,
      total: 1,
      fixes: [
        {
          entityRef: 'component:default/search-api',
          title: 'Search API',
          guardrailId: 'tier1-has-slo',
          state: 'warning',
          message:
            'expected an SLO (campaign Tier-1 SLOs: enforced from 2027-03-31)',
          howToFix: 'Add aligned-autonomy.io/slo.',
        },
      ],
    },
  ],
  evaluatedAt: '2027-03-03T10:00:00Z',
};
