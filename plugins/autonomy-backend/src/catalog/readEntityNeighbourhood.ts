import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  SNAPSHOT_FIELDS,
  toCatalogNode,
  type CatalogNode,
  type CatalogSnapshot,
} from '../domain/catalogSnapshot';

const BATCH = 500;

/**
 * Reads entities and what their facts refer to (their owners, and their systems, which name the
 * domain) without reading the whole catalog: for re-evaluating one entity. Entities not in the
 * catalog are absent from the result.
 */
export async function readEntityNeighbourhood(
  catalog: CatalogService,
  auth: AuthService,
  entityRefs: string[],
): Promise<CatalogSnapshot> {
  const credentials = await auth.getOwnServiceCredentials();
  const read = async (refs: string[]) => {
    const nodes: CatalogNode[] = [];
    for (let i = 0; i < refs.length; i += BATCH) {
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: refs.slice(i, i + BATCH), fields: SNAPSHOT_FIELDS },
        { credentials },
      );
      for (const entity of items) if (entity) nodes.push(toCatalogNode(entity));
    }
    return nodes;
  };
  const snapshot: CatalogSnapshot = new Map();
  for (const node of await read(entityRefs)) snapshot.set(node.ref, node);
  const related = new Set<string>();
  for (const node of snapshot.values()) {
    for (const ref of [node.ownerRef, node.systemRef]) {
      if (ref && !snapshot.has(ref)) related.add(ref);
    }
  }
  for (const node of await read([...related])) snapshot.set(node.ref, node);
  return snapshot;
}
