/**
 * Aligned Autonomy for Backstage's new frontend system. The same page, tab and cards as the
 * legacy exports, as extensions; their ids are listed in README-alpha.md.
 *
 * @packageDocumentation
 */
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import { autonomyApiRef } from './api/AutonomyApi';
import { AutonomyClient } from './api/AutonomyClient';
import { rootRouteRef } from './routes';

/** api:autonomy */
const autonomyApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: autonomyApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new AutonomyClient(deps),
    }),
});

/**
 * page:autonomy — the organisation view at /autonomy. Its title and icon make the app's sidebar
 * list it (the new frontend system shows a page in the navigation when it has both).
 */
const autonomyPage = PageBlueprint.make({
  params: {
    path: '/autonomy',
    title: 'Autonomy',
    icon: <AccountTreeIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/AutonomyPage').then(m =>
        compatWrapper(<m.AutonomyPage />),
      ),
  },
});

/** entity-content:autonomy/autonomy — the Autonomy tab. */
const autonomyTab = EntityContentBlueprint.make({
  params: {
    path: 'autonomy',
    title: 'Autonomy',
    filter: { kind: { $in: ['component', 'system', 'api', 'group'] } },
    loader: () =>
      import('./components/EntityAutonomyContent').then(m =>
        compatWrapper(<m.EntityAutonomyContent />),
      ),
  },
});

/** entity-card:autonomy/mission */
const missionCard = EntityCardBlueprint.make({
  name: 'mission',
  params: {
    filter: {
      kind: { $in: ['component', 'system', 'api', 'group', 'mission'] },
    },
    loader: () =>
      import('./components/MissionCard').then(m =>
        compatWrapper(<m.MissionCard />),
      ),
  },
});

/** entity-card:autonomy/guardrails */
const guardrailsCard = EntityCardBlueprint.make({
  name: 'guardrails',
  params: {
    filter: { kind: { $in: ['component', 'api', 'system', 'resource'] } },
    loader: () =>
      import('./components/GuardrailScorecard').then(m =>
        compatWrapper(<m.GuardrailScorecardCard />),
      ),
  },
});

/** entity-card:autonomy/boundaries */
const boundariesCard = EntityCardBlueprint.make({
  name: 'boundaries',
  params: {
    filter: { kind: { $in: ['component', 'system', 'api'] } },
    loader: () =>
      import('./components/BoundariesCard').then(m =>
        compatWrapper(<m.BoundariesCard />),
      ),
  },
});

/** entity-card:autonomy/team-autonomy */
const teamAutonomyCard = EntityCardBlueprint.make({
  name: 'team-autonomy',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/TeamAutonomyCard').then(m =>
        compatWrapper(<m.TeamAutonomyCard />),
      ),
  },
});

/** entity-card:autonomy/campaigns */
const campaignsCard = EntityCardBlueprint.make({
  name: 'campaigns',
  params: {
    filter: {
      kind: { $in: ['component', 'api', 'system', 'resource', 'group'] },
    },
    loader: () =>
      import('./components/Campaigns').then(m =>
        compatWrapper(<m.EntityCampaignsCard />),
      ),
  },
});

/**
 * The Aligned Autonomy plugin for the new frontend system.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'autonomy',
  title: 'Autonomy',
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
  extensions: [
    autonomyApi,
    autonomyPage,
    autonomyTab,
    missionCard,
    guardrailsCard,
    boundariesCard,
    teamAutonomyCard,
    campaignsCard,
  ],
});
