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

/** What deciding which entities of a batch to evaluate needs (see inputKey.ts). */
export interface CatalogSide {
  /** The entities and their owners and systems. */
  snapshot: CatalogSnapshot;
  campaigns: CompiledCampaign[];
  /** Each entity's preview-input hash: whether its catalog side changed. */
  inputHashes: Map<string, string>;
  /** The whole context, when working out the hashes needed it anyway. */
  context?: EntityContext;
}

/** Where a shard's entities come from: first what tells which to evaluate, then the rest. */
export interface ShardSource {
  catalogSide(entityRefs: string[]): Promise<CatalogSide>;
  /** The context of the entities to evaluate, of a batch whose catalog side this is. */
  context(entityRefs: string[], side: CatalogSide): Promise<EntityContext>;
}

/**
 * The replica that ran the whole-catalog analyses still holds their results in memory, so its
 * shards read nothing again.
 */
export function inMemorySource(context: EntityContext): ShardSource {
  return {
    catalogSide: async () => ({ ...context, context }),
    context: async () => context,
  };
}

/**
 * A source that reads missions, boundary facts and the campaigns from what the coordinator
 * stored before it planned the shards, and the entities from `readNeighbourhood`. With the
 * entities' input hashes given (the coordinator over a catalog that did not change), only the
 * entities to evaluate are read; without (any other replica, which reads the catalog itself),
 * every entity's context is read to hash its catalog side the way the coordinator does.
 */
export function storedSource(
  stores: Stores,
  readNeighbourhood: (
    refs: string[],
    known: Map<string, CatalogNode>,
  ) => Promise<CatalogSnapshot>,
  inputHashes?: Map<string, string>,
): ShardSource {
  const known = new Map<string, CatalogNode>();
  // Stored once, before the shards were planned.
  let campaigns: Promise<CompiledCampaign[]> | undefined;
  const campaignsOnce = () =>
    (campaigns ??= stores.campaigns.definitions().then(compileCampaigns));

  async function contextOf(
    entityRefs: string[],
    snapshot: CatalogSnapshot,
  ): Promise<EntityContext> {
    const [missions, boundaryFacts, compiled] = await Promise.all([
      stores.missions.getEntityMissions(entityRefs),
      stores.boundaries.factsOfMany(entityRefs),
      campaignsOnce(),
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
      campaigns: compiled,
      inputHashes: hashes,
    };
  }

  return {
    async catalogSide(entityRefs) {
      const snapshot = await readNeighbourhood(entityRefs, known);
      if (inputHashes)
        return { snapshot, inputHashes, campaigns: await campaignsOnce() };
      const context = await contextOf(entityRefs, snapshot);
      return { ...context, context };
    },
    async context(entityRefs, side) {
      return side.context ?? contextOf(entityRefs, side.snapshot);
    },
  };
}
