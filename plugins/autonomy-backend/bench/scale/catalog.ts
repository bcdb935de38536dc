import {
  stringifyEntityRef,
  type CompoundEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { generateEntity } from './entities';
import { indexOfRef, type Org } from './org';

type QueryEntitiesRequest = Parameters<CatalogService['queryEntities']>[0];
type QueryEntitiesResponse = Awaited<
  ReturnType<CatalogService['queryEntities']>
>;
type GetEntitiesByRefsRequest = Parameters<
  CatalogService['getEntitiesByRefs']
>[0];
type GetEntitiesByRefsResponse = Awaited<
  ReturnType<CatalogService['getEntitiesByRefs']>
>;

const DEFAULT_LIMIT = 500;

/** Copies only the requested dotted paths, as the catalog's `fields` parameter does. */
function project(entity: Entity, fields?: string[]): Entity {
  if (!fields?.length) return entity;
  const out: any = {};
  for (const field of fields) {
    const path = field.split('.');
    let from: any = entity;
    for (const key of path) from = from?.[key];
    if (from === undefined) continue;
    let to = out;
    for (const key of path.slice(0, -1)) to = to[key] ??= {};
    to[path[path.length - 1]] = from;
  }
  return out;
}

const encodeCursor = (c: { offset: number; fields?: string[] }) =>
  Buffer.from(JSON.stringify(c)).toString('base64');
const decodeCursor = (cursor: string) =>
  JSON.parse(Buffer.from(cursor, 'base64').toString()) as {
    offset: number;
    fields?: string[];
  };

const notSupported = (name: string) => () => {
  throw new Error(`${name} is not supported by the generated catalog`);
};

/**
 * A catalog stand-in that holds no entities: each one is generated from its index when asked
 * for, so the process under test pays only for what it reads itself. Supports what the plugin
 * calls (`queryEntities` with cursor pagination, `limit` and `fields`; `getEntitiesByRefs`);
 * every other method throws.
 */
export function generatedCatalog(org: Org, generation: number): CatalogService {
  const at = (index: number, fields?: string[]) =>
    project(generateEntity(org, index, generation), fields);
  const service = {
    async queryEntities(
      request: QueryEntitiesRequest | undefined,
    ): Promise<QueryEntitiesResponse> {
      const r: any = request ?? {};
      if (r.filter || r.query || r.fullTextFilter || r.orderFields) {
        throw new Error('The generated catalog does not filter or sort');
      }
      const state = r.cursor
        ? decodeCursor(r.cursor)
        : { offset: r.offset ?? 0, fields: r.fields };
      const fields = r.fields ?? state.fields;
      const limit = r.limit ?? DEFAULT_LIMIT;
      const end = Math.min(org.total, state.offset + limit);
      const items: Entity[] = [];
      for (let i = state.offset; i < end; i++) items.push(at(i, fields));
      return {
        items,
        totalItems: org.total,
        pageInfo: {
          ...(end < org.total
            ? { nextCursor: encodeCursor({ offset: end, fields }) }
            : {}),
          ...(state.offset > 0
            ? {
                prevCursor: encodeCursor({
                  offset: Math.max(0, state.offset - limit),
                  fields,
                }),
              }
            : {}),
        },
      };
    },
    async getEntitiesByRefs(
      request: GetEntitiesByRefsRequest,
    ): Promise<GetEntitiesByRefsResponse> {
      return {
        items: request.entityRefs.map(ref => {
          const index = indexOfRef(org, ref);
          return index === undefined ? undefined : at(index, request.fields);
        }),
      };
    },
    async getEntityByRef(ref: string | CompoundEntityRef) {
      const index = indexOfRef(
        org,
        typeof ref === 'string' ? ref : stringifyEntityRef(ref),
      );
      return index === undefined ? undefined : at(index);
    },
  };
  const unsupported = [
    'getEntities',
    'getEntityAncestors',
    'removeEntityByUid',
    'refreshEntity',
    'getEntityFacets',
    'getLocations',
    'queryLocations',
    'streamLocations',
    'getLocationById',
    'getLocationByRef',
    'addLocation',
    'removeLocationById',
    'updateLocation',
    'getLocationByEntity',
    'validateEntity',
    'analyzeLocation',
    'streamEntities',
  ];
  return Object.assign(
    service,
    Object.fromEntries(unsupported.map(name => [name, notSupported(name)])),
  ) as unknown as CatalogService;
}
