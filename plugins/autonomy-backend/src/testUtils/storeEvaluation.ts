import type { ScoredEntity } from '../domain/guardrails/evaluateCatalog';
import { planShards } from '../domain/shards/shards';
import { HeatmapTally } from '../store/aggregates';
import type { Stores } from '../store/createStores';
import type {
  ClaimedShard,
  DatabaseGuardrailRunStore,
  StoredState,
} from '../store/DatabaseGuardrailRunStore';
import type { EntityScoreRow } from '../store/scoreRows';

/**
 * Stores evaluated entities the way a one-shard full run does (plan, claim, stage what changed
 * and what is gone, apply), for store tests that start from given scores. Returns what
 * `applyRun` returns.
 */
export async function storeEvaluation(
  stores: Stores,
  entities: ScoredEntity[],
  at: Date,
  pruneBeforeDay = '2000-01-01',
) {
  const runId = `test-${at.getTime()}`;
  await stores.runs.planRun(
    runId,
    at,
    planShards(
      entities.map(e => e.entityRef),
      1,
    ),
  );
  const shard = (await stores.runs.claimShard('test', at, at))!;
  const stored = await stores.runs.storedState(
    shard.bucketFrom,
    shard.bucketTo,
  );
  const heatmap = new HeatmapTally();
  let written = await stageChanged(
    stores.runs,
    shard,
    entities,
    stored,
    heatmap,
  );
  written += await stores.runs.stage(runId, [], [...stored.keys()]);
  await stores.runs.completeShard(shard, heatmap, written);
  return stores.runs.applyRun(runId, at, {
    day: at.toISOString().slice(0, 10),
    pruneBeforeDay,
  });
}

/**
 * Stages evaluated entities whose rows differ from what is stored (`stored`: ref → stored state,
 * from which the staged refs are removed) and counts the staged results into the heat map: how tests
 * store given scores the way a run does. Returns the rows written.
 */
async function stageChanged(
  runs: DatabaseGuardrailRunStore,
  shard: ClaimedShard,
  scored: ScoredEntity[],
  stored: Map<string, StoredState>,
  heatmap: HeatmapTally,
) {
  const changed: EntityScoreRow[] = [];
  for (const entity of scored) {
    const row = runs.row(entity, shard.runStartedAt);
    if (stored.get(entity.entityRef)?.hash !== row.content_hash) {
      changed.push(row);
      // Like a shard, the heat map counts what is staged; the apply takes out what it replaces.
      heatmap.addResults(entity.ownerRef, entity.results);
    }
    stored.delete(entity.entityRef);
  }
  return runs.stage(shard.runId, changed, []);
}
