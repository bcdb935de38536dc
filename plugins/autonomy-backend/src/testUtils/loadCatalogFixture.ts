import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
  type EntityRelation,
} from '@backstage/catalog-model';

/** The spec fields the catalog's built-in processor turns into relations, with their kinds. */
const SPEC_RELATIONS: [field: string, type: string, kind: string][] = [
  ['owner', 'ownedBy', 'group'],
  ['system', 'partOf', 'system'],
  ['domain', 'partOf', 'domain'],
  ['parent', 'childOf', 'group'],
  ['memberOf', 'memberOf', 'group'],
  ['dependsOn', 'dependsOn', 'component'],
  ['consumesApis', 'consumesApi', 'api'],
  ['providesApis', 'providesApi', 'api'],
];
const INVERSE: Record<string, string> = {
  memberOf: 'hasMember',
  childOf: 'parentOf',
  ownedBy: 'ownerOf',
};

/**
 * Reads a catalog file of `examples/fixtures` into entities with the relations the catalog would
 * give them (references resolved against the default namespace, inverse relations for members,
 * parents and owners), for feeding a test backend's catalog mock with a real-looking catalog.
 */
export function loadCatalogFixture(file: string): Entity[] {
  const path = resolvePackagePath(
    '@aligned-autonomy/plugin-autonomy-backend',
    '../../examples/fixtures',
    file,
  );
  const entities = parseAllDocuments(readFileSync(path, 'utf8'))
    .map(doc => doc.toJS() as Entity)
    .filter(e => e?.kind);
  const relations = new Map<string, EntityRelation[]>();
  const add = (from: string, type: string, targetRef: string) => {
    const list = relations.get(from) ?? [];
    list.push({ type, targetRef });
    relations.set(from, list);
  };
  for (const entity of entities) {
    const self = stringifyEntityRef(entity);
    for (const [field, type, kind] of SPEC_RELATIONS) {
      const value = entity.spec?.[field];
      for (const target of ([] as unknown[]).concat(value ?? [])) {
        const ref = stringifyEntityRef(
          parseEntityRef(String(target), { defaultKind: kind }),
        );
        add(self, type, ref);
        if (INVERSE[type]) add(ref, INVERSE[type], self);
      }
    }
  }
  return entities.map(e => ({
    ...e,
    relations: relations.get(stringifyEntityRef(e)) ?? [],
  }));
}
