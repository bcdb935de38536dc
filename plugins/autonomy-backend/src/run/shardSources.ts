import type { CatalogSnapshot } from '../domain/catalogSnapshot';
import type { EntityMission } from '../domain/missions/resolveMissions';
import type { FactValue } from '../domain/guardrails/facts';
import { hasBoundaryFacts } from '../domain/boundaries/analyzeBoundaries';
import type { Stores } from '../store/createStores';
import { catalogOfInputs } from '../domain/guardrails/preview/previewInputs';
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

/** The run's campaigns, read once: the coordinator stored them before it planned the shards. */
function storedCampaigns(stores: Stores) {
  let campaigns: Promise<CompiledCampaign[]> | undefined;
  return () =>
    (campaigns ??= stores.campaigns.definitions().then(compileCampaigns));
}

/**
 * The coordinator's source over a catalog that did not change since the stored analyses: the
 * snapshot it read, the input hashes stored with the analyses, and missions, boundary facts and
 * campaigns read from the stores for the entities to evaluate only.
 */
export function storedSource(
  stores: Stores,
  snapshot: CatalogSnapshot,
  inputHashes: Map<string, string>,
): ShardSource {
  const campaignsOnce = storedCampaigns(stores);
  return {
    async catalogSide() {
      return { snapshot, inputHashes, campaigns: await campaignsOnce() };
    },
    async context(entityRefs) {
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
      return {
        snapshot,
        missions,
        derived,
        campaigns: compiled,
        inputHashes,
      };
    },
  };
}

/**
 * What a replica that did not read the catalog evaluates its shards from: the inputs the
 * coordinator stored for every entity before it planned the shards (what applicability and
 * catalog facts read, with the hash it compares). One row per entity, as fast to evaluate from as
 * the coordinator's memory; reading the catalog, missions and boundary facts again and hashing
 * every entity made another replica's shards twice as slow as the coordinator's own.
 */
export function storedInputsSource(stores: Stores): ShardSource {
  const campaignsOnce = storedCampaigns(stores);
  return {
    async catalogSide(entityRefs) {
      const [stored, compiled] = await Promise.all([
        stores.preview.inputsOf(entityRefs),
        campaignsOnce(),
      ]);
      // Every entity of a planned shard had its input stored before the plan; one missing means a
      // newer run replaced them. Its row must not be taken for an entity that left the catalog.
      const missing = entityRefs.filter(ref => !stored.has(ref));
      if (missing.length)
        throw new Error(
          `No stored input for ${missing.length} entities of this shard (${missing[0]}, …): a newer run replaced them`,
        );
      const inputHashes = new Map<string, string>();
      for (const [ref, { hash }] of stored) inputHashes.set(ref, hash);
      const context: EntityContext = {
        ...catalogOfInputs([...stored.values()].map(s => s.input)),
        campaigns: compiled,
        inputHashes,
      };
      return { ...context, context };
    },
    async context(_, side) {
      return side.context!;
    },
  };
}
