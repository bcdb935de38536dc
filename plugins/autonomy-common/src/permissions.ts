import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read missions, boundaries and scorecards.
 * @public
 */
export const autonomyReadPermission = createPermission({
  name: 'autonomy.read',
  attributes: { action: 'read' },
});

/**
 * Ask for an immediate re-evaluation (normally it runs on a schedule).
 * @public
 */
export const autonomyRefreshPermission = createPermission({
  name: 'autonomy.refresh',
  attributes: { action: 'update' },
});

/**
 * Every permission of the autonomy plugin, for registration with the permissions registry.
 * @public
 */
export const autonomyPermissions = [
  autonomyReadPermission,
  autonomyRefreshPermission,
];
