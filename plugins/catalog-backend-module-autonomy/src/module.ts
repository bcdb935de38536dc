import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { MissionEntitiesProcessor } from './processor/MissionEntitiesProcessor';

/**
 * Teaches the catalog the `Mission` kind of Aligned Autonomy.
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
      },
    });
  },
});
