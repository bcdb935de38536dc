import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { autonomyApiRef } from './api/AutonomyApi';
import { AutonomyClient } from './api/AutonomyClient';
import { rootRouteRef } from './routes';

/** @public */
export const autonomyPlugin = createPlugin({
  id: 'autonomy',
  apis: [
    createApiFactory({
      api: autonomyApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new AutonomyClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * The organisation view, one tab each: the service scorecards (filterable, with the
 * organisation's trend, levels and the teams × guardrails heat map), the missions tree, and the
 * team boundaries (boundary map and ownership gaps).
 * @public
 */
export const AutonomyPage = autonomyPlugin.provide(
  createRoutableExtension({
    name: 'AutonomyPage',
    component: () =>
      import('./components/AutonomyPage').then(m => m.AutonomyPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The Autonomy tab for entity pages.
 * @public
 */
export const EntityAutonomyContent = autonomyPlugin.provide(
  createComponentExtension({
    name: 'EntityAutonomyContent',
    component: {
      lazy: () =>
        import('./components/EntityAutonomyContent').then(
          m => m.EntityAutonomyContent,
        ),
    },
  }),
);

/**
 * The mission card for entity overview pages.
 * @public
 */
export const EntityMissionCard = autonomyPlugin.provide(
  createComponentExtension({
    name: 'EntityMissionCard',
    component: {
      lazy: () => import('./components/MissionCard').then(m => m.MissionCard),
    },
  }),
);

/**
 * The guardrail scorecard card for entity overview pages: level, score, trend and each
 * guardrail's state, rationale and facts, with exemption requests.
 * @public
 */
export const EntityGuardrailScorecardCard = autonomyPlugin.provide(
  createComponentExtension({
    name: 'EntityGuardrailScorecardCard',
    component: {
      lazy: () =>
        import('./components/GuardrailScorecard').then(
          m => m.GuardrailScorecardCard,
        ),
    },
  }),
);

/**
 * The boundaries card for component, system and API overview pages: the owner and their team
 * API, each dependency across a team boundary with its health and fix, and the problems found.
 * @public
 */
export const EntityBoundariesCard = autonomyPlugin.provide(
  createComponentExtension({
    name: 'EntityBoundariesCard',
    component: {
      lazy: () =>
        import('./components/BoundariesCard').then(m => m.BoundariesCard),
    },
  }),
);

/**
 * The team autonomy card for group overview pages: the earned level, what the team decides alone
 * and what needs review, what would widen it, and the record and load behind it.
 * @public
 */
export const EntityTeamAutonomyCard = autonomyPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamAutonomyCard',
    component: {
      lazy: () =>
        import('./components/TeamAutonomyCard').then(m => m.TeamAutonomyCard),
    },
  }),
);

/**
 * A team's guardrails for group pages: the aligned half (the organisation's guardrails met) beside
 * the autonomous half (its own standards met), its standards, opt-outs and tightened thresholds.
 * @public
 */
export const EntityTeamGuardrailsCard = autonomyPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamGuardrailsCard',
    component: {
      lazy: () =>
        import('./components/TeamGuardrailsCard').then(
          m => m.TeamGuardrailsCard,
        ),
    },
  }),
);

/**
 * A Guardrail entity's own page: rationale, owner, where it applies, pass rate per team and over
 * time, open exemptions, opt-outs and tightenings, and the entities failing it.
 * @public
 */
export const EntityGuardrailContent = autonomyPlugin.provide(
  createComponentExtension({
    name: 'EntityGuardrailContent',
    component: {
      lazy: () =>
        import('./components/GuardrailEntityPage').then(
          m => m.GuardrailEntityContent,
        ),
    },
  }),
);

/**
 * The campaigns card for entity overview pages: on a team page the campaigns with the team's
 * entities in scope and the team's progress, on any other page those that target the entity
 * ("Campaign Tier-1 SLOs — due 31 March: 3 of 5 done"). Renders nothing when none do.
 * @public
 */
export const EntityCampaignsCard = autonomyPlugin.provide(
  createComponentExtension({
    name: 'EntityCampaignsCard',
    component: {
      lazy: () =>
        import('./components/Campaigns').then(m => m.EntityCampaignsCard),
    },
  }),
);
