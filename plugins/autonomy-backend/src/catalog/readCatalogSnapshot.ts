import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  SNAPSHOT_FIELDS,
  toCatalogNode,
  type CatalogSnapshot,
} from '../domain/catalogSnapshot';

const PAGE_SIZE = 500;

/**
 * Reads the whole catalog in cursor pages with only the fields the analyses need, as this
 * plugin's own service principal. Each page becomes compact nodes at once, so the entities
 * themselves are never all held together.
 */
export async function readCatalogSnapshot(
  catalog: CatalogService,
  auth: AuthService,
): Promise<CatalogSnapshot> {
  const credentials = await auth.getOwnServiceCredentials();
  const snapshot: CatalogSnapshot = new Map();
  let cursor: string | undefined;
  do {
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, limit: PAGE_SIZE, fields: SNAPSHOT_FIELDS }
        : { limit: PAGE_SIZE, fields: SNAPSHOT_FIELDS },
      { credentials },
    );
    for (const entity of page.items) {
      const node = toCatalogNode(entity);
      snapshot.set(node.ref, node);
    }
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  return snapshot;
}
