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
 * Push facts for an entity (CI and other tools, through an external access token).
 * @public
 */
export const autonomyFactsPushPermission = createPermission({
  name: 'autonomy.facts.push',
  attributes: { action: 'create' },
});

/**
 * Create an exemption for an entity × guardrail. A resource permission on the catalog entity,
 * so a policy can allow it to the entity's owners (`isEntityOwner`).
 * @public
 */
export const autonomyExemptionCreatePermission = createPermission({
  name: 'autonomy.exemption.create',
  attributes: { action: 'create' },
  resourceType: 'catalog-entity',
});

/**
 * Revoke an exemption of an entity (the record is kept). A resource permission on the entity.
 * @public
 */
export const autonomyExemptionRevokePermission = createPermission({
  name: 'autonomy.exemption.revoke',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Re-evaluate one entity now (e.g. after fixing a guardrail). A resource permission on the entity.
 * @public
 */
export const autonomyEntityEvaluatePermission = createPermission({
  name: 'autonomy.entity.evaluate',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Preview (dry-run) a new or changed guardrail definition against the latest analysis. Nothing is
 * stored, but the answer shows results across the whole catalog, so it is for platform engineers.
 * @public
 */
export const autonomyGuardrailPreviewPermission = createPermission({
  name: 'autonomy.guardrail.preview',
  attributes: { action: 'read' },
});

/**
 * Every permission of the autonomy plugin, for registration with the permissions registry.
 * @public
 */
export const autonomyPermissions = [
  autonomyReadPermission,
  autonomyRefreshPermission,
  autonomyFactsPushPermission,
  autonomyExemptionCreatePermission,
  autonomyExemptionRevokePermission,
  autonomyEntityEvaluatePermission,
  autonomyGuardrailPreviewPermission,
];
