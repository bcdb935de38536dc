import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { MissionEntitiesProcessor } from './processor/MissionEntitiesProcessor';
import { TeamApiProcessor } from './processor/TeamApiProcessor';

/**
 * Teaches the catalog the `Mission` kind of Aligned Autonomy, and validates the team API, SLA,
 * tier and SLO annotations.
 * @public
 */
export const catalogModuleAutonomy = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'autonomy',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new MissionEntitiesProcessor());
        catalog.addProcessor(new TeamApiProcessor());
      },
    });
  },
});
