import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { NotFoundError } from '@backstage/errors';
import {
  buildSnapshot,
  SNAPSHOT_FIELDS,
  type CatalogSnapshot,
} from '../domain/catalogSnapshot';

/**
 * The entity and what its facts refer to (its owner, and its system, which names the domain), for
 * re-evaluating one entity without reading the whole catalog.
 */
export async function readEntityNeighbourhood(
  catalog: CatalogService,
  auth: AuthService,
  entityRef: string,
): Promise<CatalogSnapshot> {
  const credentials = await auth.getOwnServiceCredentials();
  const read = async (refs: string[]) =>
    (
      await catalog.getEntitiesByRefs(
        { entityRefs: refs, fields: SNAPSHOT_FIELDS },
        { credentials },
      )
    ).items.filter((e): e is NonNullable<typeof e> => !!e);
  const [entity] = await read([entityRef]);
  if (!entity)
    throw new NotFoundError(`Entity ${entityRef} is not in the catalog`);
  const [node] = buildSnapshot([entity]).values();
  const related = await read(
    [node.ownerRef, node.systemRef].filter((r): r is string => !!r),
  );
  return buildSnapshot([entity, ...related]);
}
