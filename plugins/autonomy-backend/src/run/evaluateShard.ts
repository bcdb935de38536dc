import type { CompiledGuardrails } from '../domain/guardrails/compileGuardrails';
import {
  evaluateCatalog,
  type ScoredEntity,
} from '../domain/guardrails/evaluateCatalog';
import type { FactValue } from '../domain/guardrails/facts';
import { addToHeatmap, type HeatmapCounts } from '../store/aggregates';
import type { Stores } from '../store/createStores';
import type {
  ClaimedShard,
  DatabaseGuardrailRunStore,
} from '../store/DatabaseGuardrailRunStore';
import type { EntityScoreRow } from '../store/scoreRows';
import type { ShardSource } from './shardSources';

/** Entities evaluated, compared and staged together: bounds memory whatever the shard size. */
const CHUNK = 1000;

export interface ShardDeps {
  stores: Stores;
  guardrails: CompiledGuardrails;
  /** Fact provider values for these entities. */
  provided(
    refs: string[],
  ): Promise<Map<string, Map<string, Record<string, FactValue>>>>;
  workerId: string;
  now(): Date;
}

/**
 * Evaluates one shard at the run's time, compares each entity's row with the stored one by
 * content hash and stages only those that changed, and the stored entities of its buckets that
 * are gone. Returns its heat-map counts (of every entity, changed or not) and the rows written.
 */
export async function evaluateShard(
  deps: ShardDeps,
  shard: ClaimedShard,
  source: ShardSource,
) {
  const { stores, guardrails } = deps;
  const at = new Date(shard.runStartedAt);
  const stored = await stores.runs.storedHashes(
    shard.bucketFrom,
    shard.bucketTo,
  );
  const heatmap: HeatmapCounts = new Map();
  let written = 0;
  let evaluated = 0;
  for (let i = 0; i < shard.entityRefs.length; i += CHUNK) {
    const refs = shard.entityRefs.slice(i, i + CHUNK);
    const [context, pushed, exemptions, provided] = await Promise.all([
      source.context(refs),
      stores.facts.byEntity(refs),
      stores.exemptions.activeByEntity(at, refs),
      deps.provided(refs),
    ]);
    const scored = evaluateCatalog(
      context.snapshot,
      guardrails,
      {
        missions: context.missions,
        derived: context.derived,
        pushed,
        exemptions,
        provided,
      },
      at.getTime(),
      refs,
    );
    written += await stageChanged(stores.runs, shard, scored, stored, heatmap);
    evaluated += scored.length;
    await stores.runs.heartbeat(shard, deps.workerId, deps.now());
  }
  // What is left was stored before and is not evaluated now: gone from the catalog, or no
  // guardrail applies to it any more.
  written += await stores.runs.stage(shard.runId, [], [...stored.keys()]);
  return { heatmap, written, evaluated };
}

/**
 * Stages the rows of evaluated entities whose content differs from what is stored (`stored`:
 * ref → hash, from which the staged refs are removed) and counts their results into the heat
 * map. Returns the rows written.
 */
export async function stageChanged(
  runs: DatabaseGuardrailRunStore,
  shard: ClaimedShard,
  scored: ScoredEntity[],
  stored: Map<string, string | null>,
  heatmap: HeatmapCounts,
) {
  const changed: EntityScoreRow[] = [];
  for (const entity of scored) {
    const row = runs.row(entity, shard.runStartedAt);
    if (stored.get(entity.entityRef) !== row.content_hash) changed.push(row);
    stored.delete(entity.entityRef);
    addToHeatmap(heatmap, entity.ownerRef, entity.results);
  }
  return runs.stage(shard.runId, changed, []);
}
