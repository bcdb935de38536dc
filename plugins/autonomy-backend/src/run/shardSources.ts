import type { CatalogNode, CatalogSnapshot } from '../domain/catalogSnapshot';
import type { EntityMission } from '../domain/missions/resolveMissions';
import type { FactValue } from '../domain/guardrails/facts';
import { hasBoundaryFacts } from '../domain/boundaries/analyzeBoundaries';
import type { Stores } from '../store/createStores';
import { previewInputHash } from '../store/DatabasePreviewStore';
import { previewInputOf } from '../domain/guardrails/preview/previewInputs';
import {
  compileCampaigns,
  type CompiledCampaign,
} from '../domain/campaigns/campaigns';

/** What evaluating a batch of entities needs besides pushed facts and exemptions. */
export interface EntityContext {
  /** The entities and their owners and systems. */
  snapshot: CatalogSnapshot;
  missions: Map<string, EntityMission>;
  derived: Map<string, Record<string, FactValue>>;
  /** The campaigns of the run, as the coordinator read them from the catalog. */
  campaigns: CompiledCampaign[];
  /** Each entity's preview-input hash: whether its catalog side changed (see inputKey.ts). */
  inputHashes: Map<string, string>;
}

/** Where a shard's entities come from. */
export interface ShardSource {
  context(entityRefs: string[]): Promise<EntityContext>;
}

/**
 * The replica that ran the whole-catalog analyses still holds their results in memory, so its
 * shards read nothing again.
 */
export function inMemorySource(context: EntityContext): ShardSource {
  return { context: async () => context };
}

/**
 * Any other replica reads a shard's entities from the catalog by ref and their missions,
 * boundary facts and the campaigns from what the coordinator stored before it planned the shards,
 * and hashes their catalog side the way the coordinator does.
 */
export function storedSource(
  stores: Stores,
  readNeighbourhood: (
    refs: string[],
    known: Map<string, CatalogNode>,
  ) => Promise<CatalogSnapshot>,
  /** Each entity's preview-input hash when known (else worked out from what is read). */
  inputHashes?: Map<string, string>,
): ShardSource {
  const known = new Map<string, CatalogNode>();
  return {
    async context(entityRefs) {
      const snapshot = await readNeighbourhood(entityRefs, known);
      const [missions, boundaryFacts, campaigns] = await Promise.all([
        stores.missions.getEntityMissions(entityRefs),
        stores.boundaries.factsOfMany(entityRefs),
        stores.campaigns.definitions(),
      ]);
      const derived = new Map<string, Record<string, FactValue>>();
      for (const [ref, facts] of boundaryFacts) {
        const kind = snapshot.get(ref)?.kind;
        if (kind && hasBoundaryFacts(kind)) derived.set(ref, facts);
      }
      let hashes = inputHashes;
      if (!hashes) {
        hashes = new Map<string, string>();
        for (const ref of entityRefs) {
          const node = snapshot.get(ref);
          if (!node) continue;
          const input = previewInputOf(node, snapshot, missions, derived);
          hashes.set(ref, previewInputHash(JSON.stringify(input)));
        }
      }
      return {
        snapshot,
        missions,
        derived,
        campaigns: compileCampaigns(campaigns),
        inputHashes: hashes,
      };
    },
  };
}
