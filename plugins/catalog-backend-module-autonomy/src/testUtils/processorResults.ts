import type { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import type {
  CatalogProcessorEmit,
  CatalogProcessorResult,
  LocationSpec,
} from '@backstage/plugin-catalog-node';

/** What this module's processors do after the catalog's own processing (no cache needed). */
interface PostProcessor {
  postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity>;
}

/** An entity of a kind none of this module's kind processors handles. */
export const componentEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'x' },
  spec: {},
};

/** Everything `processor` emits while post-processing `entity`, in order. */
export async function postProcessed(
  processor: PostProcessor,
  entity: Entity,
  location = { type: 'file', target: '/repo/catalog-info.yaml' },
): Promise<CatalogProcessorResult[]> {
  const emitted: CatalogProcessorResult[] = [];
  await processor.postProcessEntity(entity, location, r => emitted.push(r));
  return emitted;
}

/** The two results of a relation emitted in both directions. */
export function relatedBothWays(
  source: CompoundEntityRef,
  forward: string,
  backward: string,
  target: CompoundEntityRef,
): CatalogProcessorResult[] {
  return [
    { type: 'relation', relation: { source, type: forward, target } },
    {
      type: 'relation',
      relation: { source: target, type: backward, target: source },
    },
  ];
}
