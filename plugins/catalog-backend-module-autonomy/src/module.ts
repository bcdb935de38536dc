import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { MissionEntitiesProcessor } from './processor/MissionEntitiesProcessor';
import { CampaignEntitiesProcessor } from './processor/CampaignEntitiesProcessor';
import { TeamApiProcessor } from './processor/TeamApiProcessor';
import { GuardrailEntitiesProcessor } from './processor/GuardrailEntitiesProcessor';
import { GuardrailAnnotationsProcessor } from './processor/GuardrailAnnotationsProcessor';
import { readOrganisationGuardrails } from './processor/organisationGuardrails';

/**
 * Teaches the catalog the `Mission`, `Guardrail` and `Campaign` kinds of Aligned Autonomy, and validates the
 * team API, SLA, tier, SLO, opt-out and tightening annotations.
 * @public
 */
export const catalogModuleAutonomy = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'autonomy',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ catalog, config }) {
        catalog.addProcessor(new MissionEntitiesProcessor());
        catalog.addProcessor(new CampaignEntitiesProcessor());
        catalog.addProcessor(new TeamApiProcessor());
        // The app-config guardrails are the organisation's required ones: no opting out of them.
        const organisation = readOrganisationGuardrails(config);
        catalog.addProcessor(new GuardrailEntitiesProcessor(organisation));
        catalog.addProcessor(new GuardrailAnnotationsProcessor(organisation));
      },
    });
  },
});
