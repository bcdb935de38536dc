import type { Entity } from '@backstage/catalog-model';
import { buildSnapshot, type CatalogSnapshot } from '../domain/catalogSnapshot';
import type { AnalysisPipelineOptions } from '../run/AnalysisPipeline';

/**
 * The pipeline's catalog readers over entities held in memory, reading what the plugin reads from
 * the real catalog: the whole snapshot, and some entities with their owners and systems (as
 * readEntityNeighbourhood does). `entities` is called at every read, so a test can change the
 * catalog between runs.
 */
export function inMemoryCatalogReaders(
  entities: () => Entity[],
): Pick<AnalysisPipelineOptions, 'readSnapshot' | 'readNeighbourhood'> {
  return {
    readSnapshot: async () => buildSnapshot(entities()),
    readNeighbourhood: async refs => {
      const all = buildSnapshot(entities());
      const found: CatalogSnapshot = new Map();
      for (const ref of refs) {
        const node = all.get(ref);
        if (!node) continue;
        found.set(ref, node);
        for (const related of [node.ownerRef, node.systemRef]) {
          const other = related ? all.get(related) : undefined;
          if (other) found.set(other.ref, other);
        }
      }
      return found;
    },
  };
}
