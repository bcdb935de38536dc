import type {
  AuthService,
  PermissionsRegistryService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { autonomyPermissions } from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyEntityResourceRef, autonomyEntityRules } from './rules';

/**
 * Registers the autonomy permissions, and the entity as their resource with the rules the plugin
 * applies to it, loading entities from the catalog when the permission backend asks.
 */
export function registerPermissions(deps: {
  permissionsRegistry: PermissionsRegistryService;
  catalog: CatalogService;
  auth: AuthService;
}) {
  const { permissionsRegistry, catalog, auth } = deps;
  permissionsRegistry.addPermissions(autonomyPermissions);
  permissionsRegistry.addResourceType({
    resourceRef: autonomyEntityResourceRef,
    rules: Object.values(autonomyEntityRules),
    getResources: async entityRefs => {
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      return items;
    },
  });
}
