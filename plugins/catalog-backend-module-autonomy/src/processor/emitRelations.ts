import {
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import {
  processingResult,
  type CatalogProcessorEmit,
} from '@backstage/plugin-catalog-node';

/**
 * Emits a relation and its inverse (the catalog shows a relation from the side it is stored on
 * only): `source` → `target` as `forward`, `target` → `source` as `backward`.
 */
export function emitBothWays(
  emit: CatalogProcessorEmit,
  source: CompoundEntityRef,
  forward: string,
  backward: string,
  target: CompoundEntityRef,
): void {
  emit(processingResult.relation({ source, type: forward, target }));
  emit(
    processingResult.relation({
      source: target,
      type: backward,
      target: source,
    }),
  );
}

/**
 * Emits `ownedBy`/`ownerOf` between an entity of one of this suite's kinds and its `spec.owner`,
 * read as a Group in the entity's namespace unless the reference says otherwise.
 */
export function emitOwnership(
  emit: CatalogProcessorEmit,
  self: CompoundEntityRef,
  owner: string,
): void {
  const ownerRef = parseEntityRef(owner, {
    defaultKind: 'group',
    defaultNamespace: self.namespace,
  });
  emitBothWays(emit, self, RELATION_OWNED_BY, RELATION_OWNER_OF, ownerRef);
}
