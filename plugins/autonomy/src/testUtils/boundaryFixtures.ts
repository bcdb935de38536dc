import type {
  BoundaryMapResponse,
  CrossTeamDependency,
  EntityBoundariesResponse,
  OwnershipGapsResponse,
  TeamAutonomyResponse,
  TeamBoundariesResponse,
} from '@aligned-autonomy/plugin-autonomy-common';

export const CHECKOUT = 'group:shop/checkout';
export const PAYMENTS = 'group:shop/payments';
export const PLATFORM = 'group:default/platform';
export const SEARCH = 'group:shop/search';

export const dependency = (
  overrides: Partial<CrossTeamDependency>,
): CrossTeamDependency => ({
  fromRef: 'component:shop/checkout-api',
  toRef: 'api:shop/payments-api',
  fromTeamRef: CHECKOUT,
  toTeamRef: PAYMENTS,
  via: 'api',
  health: 'healthy',
  ...overrides,
});

export const entityBoundaries = (): EntityBoundariesResponse => ({
  entityRef: 'component:shop/checkout-api',
  ownerRef: CHECKOUT,
  ownerTeamApi: {
    teamType: 'stream-aligned',
    supportChannel: '#checkout-help',
    interactions: [
      { mode: 'x-as-a-service', teamRef: PLATFORM },
      { mode: 'collaboration', teamRef: PAYMENTS, endsOn: '2099-03-31' },
    ],
  },
  outbound: [
    dependency({}),
    dependency({
      toRef: 'component:shop/ledger',
      via: 'direct',
      health: 'violation',
      fix: 'Depend on an API of payments instead of their component ledger directly.',
    }),
    dependency({
      toRef: 'api:default/k8s-api',
      toTeamRef: PLATFORM,
      health: 'contract-gap',
      fix: 'Ask platform to declare the SLA of k8s-api.',
    }),
  ],
  inbound: [
    dependency({
      fromRef: 'component:shop/search-ui',
      fromTeamRef: SEARCH,
      toRef: 'component:shop/checkout-api',
      toTeamRef: CHECKOUT,
      via: 'direct',
      health: 'violation',
      fix: 'Depend on an API of checkout instead.',
    }),
    dependency({
      fromRef: 'component:shop/search-api',
      fromTeamRef: SEARCH,
      toRef: 'component:shop/checkout-api',
      toTeamRef: CHECKOUT,
      via: 'direct',
      health: 'violation',
    }),
  ],
  problems: [],
  evaluatedAt: '2026-01-10T08:00:00Z',
});

export const teamAutonomy = (): TeamAutonomyResponse => ({
  teamRef: CHECKOUT,
  level: { id: 'trusted', title: 'Trusted' },
  nextLevel: {
    id: 'autonomous',
    title: 'Autonomous',
    missing: [
      'no boundary violations (now 2)',
      '80% of services at silver or above (now 50%: 1 of 2)',
    ],
    wouldBecomeLocal: ['Add a new runtime'],
  },
  decisions: [
    {
      decisionId: 'library',
      title: 'Choose a library',
      scope: 'local',
      defaultScope: 'local',
    },
    {
      decisionId: 'datastore',
      title: 'Pick a datastore',
      scope: 'local',
      defaultScope: 'design-review',
    },
    {
      decisionId: 'runtime',
      title: 'Add a new runtime',
      scope: 'design-review',
      defaultScope: 'design-review',
    },
    {
      decisionId: 'public-api',
      title: 'Break a public API',
      scope: 'cross-functional',
      defaultScope: 'cross-functional',
    },
  ],
  record: {
    services: 2,
    servicesByLevel: { silver: 1, none: 1 },
    boundaryViolations: 2,
    openExemptions: 1,
  },
  load: {
    ownedEntities: 7,
    members: 4,
    perMember: 1.8,
    inboundDependencies: 3,
    outboundDependencies: 5,
  },
  evaluatedAt: '2026-01-10T08:00:00Z',
});

export const teamBoundaries = (): TeamBoundariesResponse => ({
  teamRef: CHECKOUT,
  teamApi: { teamType: 'stream-aligned', interactions: [] },
  load: teamAutonomy().load,
  expiredCollaborations: [],
  outbound: [],
  inbound: [],
  problems: [],
  evaluatedAt: '2026-01-10T08:00:00Z',
});

export const boundaryMap = (): BoundaryMapResponse => ({
  teams: [
    {
      teamRef: CHECKOUT,
      title: 'Checkout team',
      teamType: 'stream-aligned',
      ownedEntities: 7,
    },
    { teamRef: PAYMENTS, title: 'Payments team', ownedEntities: 4 },
    {
      teamRef: PLATFORM,
      title: 'Platform team',
      teamType: 'platform',
      ownedEntities: 12,
    },
  ],
  edges: [
    {
      fromTeamRef: CHECKOUT,
      toTeamRef: PAYMENTS,
      healthy: 2,
      contractGap: 0,
      violation: 1,
    },
    {
      fromTeamRef: CHECKOUT,
      toTeamRef: PLATFORM,
      healthy: 0,
      contractGap: 3,
      violation: 0,
    },
  ],
  evaluatedAt: '2026-01-10T08:00:00Z',
});

export const ownershipGaps = (): OwnershipGapsResponse => ({
  items: [
    {
      type: 'no-owner',
      entityRef: 'component:default/orphan-job',
      message: 'Has no owner',
    },
    {
      type: 'missing-owner',
      entityRef: 'component:shop/legacy-cart',
      ownerRef: 'group:shop/ghosts',
      message: 'Owner group:shop/ghosts is not in the catalog',
    },
    {
      type: 'person-owner',
      entityRef: 'api:shop/promo-api',
      ownerRef: 'user:default/jane',
      message: 'Owned by a person (user:default/jane), not a team',
    },
    {
      type: 'team-without-members',
      entityRef: 'group:shop/ghost-team',
      message: 'A team with no members cannot own anything in practice',
    },
  ],
  evaluatedAt: '2026-01-10T08:00:00Z',
});
