import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Entity } from '@backstage/catalog-model';
import {
  buildSnapshot,
  SNAPSHOT_FIELDS,
  type CatalogSnapshot,
} from '../domain/catalogSnapshot';

const PAGE_SIZE = 500;

/**
 * Reads the whole catalog in cursor pages with only the fields the analyses need, as this
 * plugin's own service principal.
 */
export async function readCatalogSnapshot(
  catalog: CatalogService,
  auth: AuthService,
): Promise<CatalogSnapshot> {
  const credentials = await auth.getOwnServiceCredentials();
  const entities: Entity[] = [];
  let cursor: string | undefined;
  do {
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, limit: PAGE_SIZE, fields: SNAPSHOT_FIELDS }
        : { limit: PAGE_SIZE, fields: SNAPSHOT_FIELDS },
      { credentials },
    );
    entities.push(...page.items);
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  return buildSnapshot(entities);
}
