import type { CatalogSnapshot } from '../domain/catalogSnapshot';
import type { CompiledGuardrails } from '../domain/guardrails/compileGuardrails';
import {
  entityContext,
  entityHeader,
  type EntityHeader,
} from '../domain/guardrails/evaluateCatalog';
import {
  anyGuardrailChecks,
  evaluateOutcome,
  type EntityOutcome,
} from '../domain/guardrails/evaluate';
import {
  outcomeTokens,
  storedOutcomeText,
} from '../domain/guardrails/storedOutcome';
import type { FactContext, FactValue } from '../domain/guardrails/facts';
import { HeatmapTally } from '../store/aggregates';
import type { Stores } from '../store/createStores';
import type { ClaimedShard } from '../store/DatabaseGuardrailRunStore';
import {
  contentHash,
  type EntityScoreRow,
  type EvaluatedInputs,
} from '../store/scoreRows';
import { recheckAt } from '../domain/guardrails/recheck';
import { inputKey, runInputsKey } from './inputKey';
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
  /** How often a replica tells the others it is still at work on a shard. */
  heartbeatMs: number;
  now(): Date;
}

/**
 * Evaluates one shard at the run's time. An entity whose input key (see inputKey.ts) equals its
 * stored row's, and whose recheck instant has not come, is skipped: its row is what an evaluation
 * would write again, and nothing about it is read but versions and keys. Every other entity's
 * outcome is decided and hashed; only an entity whose hash differs from the stored one is
 * explained (its results put in words), staged and counted in the heat map, and the stored
 * entities of the shard's buckets that are gone are staged as removed. Returns the heat-map
 * counts of the staged rows and the rows written.
 */
export async function evaluateShard(
  deps: ShardDeps,
  shard: ClaimedShard,
  source: ShardSource,
) {
  const { stores, guardrails } = deps;
  const at = new Date(shard.runStartedAt);
  const now = at.getTime();
  const stored = await stores.runs.storedState(
    shard.bucketFrom,
    shard.bucketTo,
  );
  const heatmap = new HeatmapTally(
    guardrails.guardrails.map(g => g.definition.id),
  );
  let written = 0;
  let evaluated = 0;
  let skipped = 0;
  // Heartbeats on a timer, not per chunk: a slow chunk (a slow catalog or fact provider) must
  // not look like a dead replica.
  const heartbeat = setInterval(
    () => stores.runs.heartbeat(shard, deps.now()).catch(() => {}),
    deps.heartbeatMs,
  );
  try {
    for (let i = 0; i < shard.entityRefs.length; i += CHUNK) {
      const refs = shard.entityRefs.slice(i, i + CHUNK);
      const [side, versions, exemptions, provided] = await Promise.all([
        source.catalogSide(refs),
        stores.facts.versions(refs),
        stores.exemptions.activeByEntity(at, refs),
        deps.provided(refs),
      ]);
      const run = runInputsKey(guardrails.fingerprint, side.campaigns);
      const keys = new Map<string, string>();
      for (const ref of refs) {
        const node = side.snapshot.get(ref);
        if (!node) continue;
        const key = inputKey({
          run,
          catalog: side.inputHashes.get(ref),
          factVersions: versions.get(ref),
          exemptions: exemptions.get(ref),
          provided: [...provided].map(([id, byEntity]) => [
            id,
            byEntity.get(ref),
          ]),
        });
        const before = stored.get(ref);
        if (
          before?.inputKey === key &&
          (before.recheckAt === null || before.recheckAt > shard.runStartedAt)
        ) {
          stored.delete(ref);
          skipped++;
        } else if (anyGuardrailChecks(guardrails, node)) keys.set(ref, key);
      }
      if (!keys.size) continue;
      // Pushed values, missions and boundary facts are read only for the entities evaluated.
      const dirty = [...keys.keys()];
      const [context, pushed] = await Promise.all([
        source.context(dirty, side),
        stores.facts.byEntity(dirty),
      ]);
      const facts = { ...context, pushed, exemptions, provided };
      const changed: EntityScoreRow[] = [];
      for (const [ref, key] of keys) {
        const entity = entityContext(context.snapshot, facts, ref, now);
        const decided = hashedOutcome(
          guardrails,
          entity,
          context.snapshot,
          key,
        );
        if (!entity || !decided) continue;
        evaluated++;
        const { outcome, header, hash, inputs } = decided;
        const before = stored.get(ref);
        stored.delete(ref);
        if (before?.hash === hash) continue;
        heatmap.add(header.ownerRef, outcome.applicable, outcome.states);
        changed.push(
          storedRow(
            deps,
            entity.ctx,
            outcome,
            header,
            hash,
            shard.runStartedAt,
            inputs,
          ),
        );
      }
      written += await stores.runs.stage(shard.runId, changed, []);
    }
  } finally {
    clearInterval(heartbeat);
  }
  // What is left was stored before and is not evaluated now: gone from the catalog, or no
  // guardrail applies to it any more.
  written += await stores.runs.stage(shard.runId, [], [...stored.keys()]);
  return { heatmap, written, evaluated, skipped };
}

/**
 * An entity's outcome, with what decides its stored row: the header the views group it by and the
 * content hash (an unchanged hash is an unchanged row). Undefined when the entity is not in the
 * catalog or no guardrail applies to it.
 */
export function hashedOutcome(
  guardrails: CompiledGuardrails,
  entity: ReturnType<typeof entityContext>,
  snapshot: CatalogSnapshot,
  key?: string,
):
  | {
      outcome: EntityOutcome;
      header: EntityHeader;
      hash: string;
      inputs?: EvaluatedInputs;
    }
  | undefined {
  if (!entity) return undefined;
  const outcome = evaluateOutcome(
    guardrails,
    entity.ctx,
    entity.exemptions,
    entity.campaigns,
  );
  if (!outcome) return undefined;
  const header = entityHeader(entity.node, snapshot);
  const inputs = key
    ? { inputKey: key, recheckAt: recheckAt(guardrails, entity.ctx, outcome) }
    : undefined;
  const hash = contentHash(
    guardrails.fingerprint,
    header,
    outcome.signature,
    inputs,
  );
  return { outcome, header, hash, inputs };
}

/**
 * The row of an entity whose outcome changed, with the outcome's hash. Its results are stored as
 * the outcome and what it read; they are put in words when the scorecard is read.
 */
export function storedRow(
  deps: Pick<ShardDeps, 'stores' | 'guardrails'>,
  ctx: FactContext,
  outcome: EntityOutcome,
  header: EntityHeader,
  hash: string,
  evaluatedAt: string,
  inputs?: EvaluatedInputs,
): EntityScoreRow {
  const { guardrails } = deps;
  const level =
    outcome.levelIndex >= 0 ? guardrails.levels[outcome.levelIndex] : null;
  const { levelIndex, score, counts, failingGuardrailIds, blockingNext } =
    outcome;
  return deps.stores.runs.outcomeRow(
    {
      entityRef: outcome.entityRef,
      ...header,
      level,
      levelIndex,
      score,
      counts,
      failingGuardrailIds,
      blockingNext,
    },
    {
      text: storedOutcomeText(guardrails, outcome, ctx),
      tokens: outcomeTokens(guardrails, outcome),
    },
    evaluatedAt,
    hash,
    inputs,
  );
}
