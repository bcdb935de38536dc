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
 * The organisation view: missions tree (scorecards and boundaries join it later).
 * @public
 */
export const AutonomyPage = autonomyPlugin.provide(
  createRoutableExtension({
    name: 'AutonomyPage',
    component: () =>
      import('./components/MissionsPage').then(m => m.MissionsPage),
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
