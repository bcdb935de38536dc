import type { AuthService } from '@backstage/backend-plugin-api';
import { RELATION_MEMBER_OF } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/** The groups each user is a direct member of; users not in the catalog are absent. */
export async function readMemberships(
  catalog: CatalogService,
  auth: AuthService,
  userRefs: string[],
): Promise<Map<string, string[]>> {
  const memberships = new Map<string, string[]>();
  if (!userRefs.length) return memberships;
  const { items } = await catalog.getEntitiesByRefs(
    {
      entityRefs: userRefs,
      fields: ['kind', 'metadata.namespace', 'metadata.name', 'relations'],
    },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  items.forEach((entity, i) => {
    if (!entity) return;
    memberships.set(
      userRefs[i],
      (entity.relations ?? [])
        .filter(r => r.type === RELATION_MEMBER_OF)
        .map(r => r.targetRef),
    );
  });
  return memberships;
}
