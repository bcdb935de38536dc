import { RELATION_OWNED_BY, type Entity } from '@backstage/catalog-model';
import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { z } from 'zod';

/**
 * A filter in the shape of the catalog's entity filters (`key` is a catalog field, any of
 * `values` matches). The autonomy plugin only authorizes single entities, so it never queries with
 * these; they say what a condition means.
 * @alpha
 */
export type AutonomyEntityFilter = { key: string; values: string[] };

/**
 * The catalog entity as a resource of the autonomy plugin's permissions (`exemption.create`,
 * `exemption.revoke`, `entity.evaluate`). The autonomy plugin applies conditions on it itself,
 * loading the entity from the catalog, so a policy needs nothing from the catalog backend.
 * @alpha
 */
export const autonomyEntityResourceRef = createPermissionResourceRef<
  Entity,
  AutonomyEntityFilter
>().with({ pluginId: 'autonomy', resourceType: 'catalog-entity' });

const lower = (values: string[]) =>
  values.map(v => v.toLocaleLowerCase('en-US'));

/**
 * Whether the entity is owned by one of the claims: entity refs of the user and of the groups
 * the user belongs to (`user.info.ownershipEntityRefs` in a policy).
 * @alpha
 */
export const isEntityOwner = createPermissionRule({
  name: 'IS_ENTITY_OWNER',
  description: 'Allow entities owned by any of the given user or group refs',
  resourceRef: autonomyEntityResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe(
        'User and group entity refs, e.g. the ownership refs of the user',
      ),
  }),
  apply: (entity, { claims }) => {
    const owners = new Set(lower(claims));
    return (entity.relations ?? []).some(
      r =>
        r.type === RELATION_OWNED_BY &&
        owners.has(r.targetRef.toLocaleLowerCase('en-US')),
    );
  },
  toQuery: ({ claims }) => ({
    key: `relations.${RELATION_OWNED_BY}`,
    values: claims,
  }),
});

/**
 * Whether the entity is of one of the kinds, e.g. `['component', 'system']`.
 * @alpha
 */
export const isEntityKind = createPermissionRule({
  name: 'IS_ENTITY_KIND',
  description: 'Allow entities of any of the given kinds',
  resourceRef: autonomyEntityResourceRef,
  paramsSchema: z.object({
    kinds: z.array(z.string()).describe('Entity kinds, e.g. component'),
  }),
  apply: (entity, { kinds }) =>
    lower(kinds).includes(entity.kind.toLocaleLowerCase('en-US')),
  toQuery: ({ kinds }) => ({ key: 'kind', values: kinds }),
});

/**
 * The rules the autonomy plugin applies to its entity resource permissions.
 * @alpha
 */
export const autonomyEntityRules = { isEntityOwner, isEntityKind };
