import { randomUUID } from 'crypto';
import { hostname } from 'os';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { NotFoundError } from '@backstage/errors';
import type { CatalogSnapshot } from '../domain/catalogSnapshot';
import type { CompiledGuardrails } from '../domain/guardrails/compileGuardrails';
import { entityContext } from '../domain/guardrails/evaluateCatalog';
import { hasBoundaryFacts } from '../domain/boundaries/analyzeBoundaries';
import { planShards, shardCountFor } from '../domain/shards/shards';
import type { FactProviderRegistry } from '../facts/FactProviderRegistry';
import { providedFacts } from '../facts/providedFacts';
import type { Stores } from '../store/createStores';
import type { ClaimedShard } from '../store/DatabaseGuardrailRunStore';
import type {
  ResultChangeListener,
  ResultChanges,
} from '../store/resultChanges';
import {
  evaluateShard,
  hashedOutcome,
  storedRow,
  type ShardDeps,
} from './evaluateShard';
import { storedInputsSource, type ShardSource } from './shardSources';
import { compileCampaigns } from '../domain/campaigns/campaigns';
import { recordCampaignProgress } from './recordCampaignProgress';
import { analyseCatalog } from './analyseCatalog';
import type { StoredSetLookup } from '../store/scoreRows';
import {
  fixedGuardrailSet,
  storedSetLookup,
  type GuardrailSetSource,
} from '../guardrailSets/GuardrailSets';

const DAY_MS = 86_400_000;

export interface AnalysisPipelineOptions {
  stores: Stores;
  /** app-config's guardrails, compiled: the set when `guardrailSets` is not given. */
  guardrails: CompiledGuardrails;
  /** The effective set of each run: app-config's and the catalog's Guardrail entities. */
  guardrailSets?: GuardrailSetSource;
  historyRetentionDays: number;
  factProviders: FactProviderRegistry;
  readSnapshot(): Promise<CatalogSnapshot>;
  /** Entities by ref with their owners and systems. */
  readNeighbourhood(entityRefs: string[]): Promise<CatalogSnapshot>;
  logger: LoggerService;
  now(): Date;
  /** Entities per shard of a full run (default 5,000). */
  shardSize?: number;
  /** A shard whose replica sent no heartbeat for this long is taken over (default 60 s). */
  staleAfterMs?: number;
  /**
   * How often the coordinator looks whether the other replicas are done (default 100 ms). At
   * 500 ms it waited about 0.5 s for another replica's last shard in two-replica first runs of
   * 17-19 s at 100,000 entities.
   */
  pollMs?: number;
  /**
   * How long a fact provider may take to answer for a batch (default 60 s); one that does not
   * answer in time counts as failed: its facts are unknown, and the shard goes on.
   */
  factProviderTimeoutMs?: number;
  /** Names this replica in the shard rows it claims. */
  workerId?: string;
  /** Records the notifications a write of results calls for, and sends what is pending. */
  notifications?: ResultNotifications;
}

/** What the pipeline needs of the notifications: a listener inside the write, a send after it. */
export interface ResultNotifications {
  /** Called inside the write, with the guardrails the written results were evaluated with. */
  onResultChanges(
    tx: Knex.Transaction,
    changes: ResultChanges,
    guardrails: CompiledGuardrails,
  ): Promise<void>;
  sendPending(): Promise<unknown>;
}

export interface RunSummary {
  entityCount: number;
  evaluatedCount: number;
  /** Rows inserted, updated or deleted by the run in the plugin's tables. */
  rowsWritten: number;
  shards: number;
  /** Entities this replica evaluated, and passed over because their inputs had not changed. */
  evaluatedHere: number;
  unchangedHere: number;
}

/** What a replica's shard loops did; `failed` stops them claiming more. */
interface WorkDone {
  shards: number;
  evaluated: number;
  skipped: number;
  failed?: boolean;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * The one evaluation pipeline every view reads from: catalog snapshot → mission and boundary
 * analyses → guardrail evaluation → stored results.
 *
 * A full run (the scheduled task, on one replica) analyses missions and boundaries over the whole
 * catalog, then plans the guardrail evaluation as shards in the database. Every replica claims
 * shards (`workShards`, a local scheduled task); the coordinator works on them too, takes over
 * those of a replica that died, and applies the run in one transaction when all are done. A
 * single-entity run (facts pushed, exemption changed, asked for) reuses the same evaluation.
 */
export class AnalysisPipeline {
  private readonly workerId: string;
  /** While this replica coordinates a run it evaluates from memory, not through `workShards`. */
  private running = false;

  /** Whether this replica coordinates a full run now. */
  get coordinating(): boolean {
    return this.running;
  }

  private readonly sets: GuardrailSetSource;
  /** Finds the set an outcome this pipeline stored was evaluated with, to put it in words. */
  readonly storedSet: StoredSetLookup;

  constructor(private readonly options: AnalysisPipelineOptions) {
    this.sets = options.guardrailSets ?? fixedGuardrailSet(options.guardrails);
    this.storedSet = storedSetLookup(this.sets);
    this.workerId =
      options.workerId ??
      `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  /** Fact provider values for these entities; a failing provider leaves its facts unknown. */
  readonly provided = (refs: string[]) =>
    providedFacts(this.options.factProviders.list(), refs, {
      timeoutMs: this.options.factProviderTimeoutMs ?? 60_000,
      logger: this.options.logger,
    });

  private get shardDeps(): ShardDeps {
    const { stores, guardrails, now } = this.options;
    return {
      stores,
      guardrails,
      provided: this.provided,
      // Several heartbeats within the time after which a shard counts as abandoned.
      heartbeatMs: this.staleAfterMs / 6,
      now,
    };
  }

  private get staleAfterMs() {
    return this.options.staleAfterMs ?? 60_000;
  }

  private staleBefore() {
    return new Date(this.options.now().getTime() - this.staleAfterMs);
  }

  /** The notifications' listener for a write of results evaluated with these guardrails. */
  private listenerFor(
    guardrails: CompiledGuardrails,
  ): ResultChangeListener | undefined {
    const notifications = this.options.notifications;
    return (
      notifications &&
      ((tx, changes) => notifications.onResultChanges(tx, changes, guardrails))
    );
  }

  /** Statistics for the planner; a failure only leaves them to autovacuum. */
  private async refreshStatistics(analyze: () => Promise<unknown>) {
    try {
      await analyze();
    } catch (e) {
      this.options.logger.warn(
        `Analyzing the plugin's tables failed, autovacuum will: ${e}`,
      );
    }
  }

  /** Sends what the last write recorded; a failure is retried by the notifications task. */
  private async sendNotifications() {
    try {
      await this.options.notifications?.sendPending();
    } catch (e) {
      this.options.logger.warn(
        `Sending notifications failed, will retry: ${e}`,
      );
    }
  }

  /**
   * Claims and evaluates shards until none is left to claim; returns how many it did and how many
   * of their entities it evaluated and passed over as unchanged.
   */
  private async work(source: (shard: ClaimedShard) => ShardSource) {
    const done: WorkDone = { shards: 0, evaluated: 0, skipped: 0 };
    // Two shards at a time: while one waits for the database, the other evaluates, so a replica
    // keeps a core busy and leaves the database the other. When one loop fails, the other ends
    // the shard it holds and claims no more: none goes on after the caller has given up.
    const loops = await Promise.allSettled([
      this.workLoop(source, done),
      this.workLoop(source, done),
    ]);
    for (const loop of loops) if (loop.status === 'rejected') throw loop.reason;
    return done;
  }

  private async workLoop(
    source: (shard: ClaimedShard) => ShardSource,
    done: WorkDone,
  ) {
    const { stores, now } = this.options;
    while (!done.failed) {
      try {
        const shard = await stores.runs.claimShard(
          this.workerId,
          now(),
          this.staleBefore(),
        );
        if (!shard) return;
        // The set the coordinator stored for this run, whichever replica evaluates the shard.
        const { compiled } = await this.sets.byFingerprint(shard.guardrailSet);
        const result = await evaluateShard(
          { ...this.shardDeps, guardrails: compiled },
          shard,
          source(shard),
        );
        if (
          await stores.runs.completeShard(shard, result.heatmap, result.written)
        ) {
          done.shards++;
          done.evaluated += result.evaluated;
          done.skipped += result.skipped;
        }
      } catch (e) {
        done.failed = true;
        throw e;
      }
    }
  }

  /**
   * Evaluates shards of the run under way, if any: what every replica does on a short local
   * schedule. Returns the number of shards it completed.
   */
  async workShards(): Promise<number> {
    if (this.running) return 0;
    if (!(await this.options.stores.runs.hasClaimable(this.staleBefore())))
      return 0;
    const source = storedInputsSource(this.options.stores);
    return (await this.work(() => source)).shards;
  }

  async runFull(): Promise<RunSummary> {
    const { stores, now, logger } = this.options;
    const started = now();
    const day = started.toISOString().slice(0, 10);
    const runId = randomUUID();
    this.running = true;
    // How long each phase took, for the log line of the run.
    const phases: string[] = [];
    let mark = Date.now();
    const phase = (name: string) => {
      phases.push(`${name} ${Date.now() - mark} ms`);
      mark = Date.now();
    };
    // Statistics of the tables shards look up, taken while the run goes on (on another pooled
    // connection where the pool has one): of those stale before it (facts pushed in bulk) as the
    // catalog is read, of each the run rewrites as soon as it is written. Awaited before the
    // shards are planned: taken after the whole-catalog analyses, they kept a first run waiting
    // 1.0-1.2 s.
    const statistics = [
      this.refreshStatistics(() => stores.runs.analyzeLookups()),
    ];
    try {
      const analysed = await analyseCatalog(
        stores,
        await this.options.readSnapshot(),
        started,
        day,
        phase,
        table =>
          statistics.push(
            this.refreshStatistics(() => stores.runs.analyzeRewritten([table])),
          ),
      );
      // The catalog as the rest of the run needs it: without relations (see analyseCatalog).
      const { snapshot, campaigns } = analysed;
      // Its own shards from memory; a shard of another run (one planned after this one, which
      // replaced it) from what that run stored, never from this run's catalog.
      const stored = storedInputsSource(stores);
      const source = (shard: ClaimedShard) =>
        shard.runId === runId ? analysed.source : stored;
      let written = analysed.written;
      const plans = planShards(
        snapshot.keys(),
        shardCountFor(snapshot.size, this.options.shardSize ?? 5000),
      );
      // Guardrail entities and teams' opt-outs and tightenings as the catalog has them now.
      const { compiled: guardrails } = await this.sets.prepare(
        snapshot,
        started,
      );
      phase('guardrail set');
      // Before any shard reads them; then any table the run made stale without rewriting much
      // of it. PostgreSQL may publish a rewrite's counts after its table was analyzed (seconds
      // later), which then looks stale here or at the next run and is analyzed once more.
      await Promise.all(statistics);
      await this.refreshStatistics(() => stores.runs.analyzeLookups());
      phase('lookup statistics');
      written += await stores.runs.planRun(
        runId,
        started,
        plans,
        guardrails.fingerprint,
      );
      phase('plan');
      const mine = await this.work(source);
      phase('own shards');
      // Wait for the other replicas, taking over any shard whose replica stopped.
      for (;;) {
        const { total, done } = await stores.runs.progress(runId);
        if (total === 0)
          throw new Error(`Run ${runId} was replaced by another run`);
        if (done === total) break;
        await sleep(this.options.pollMs ?? 100);
        // One small query a look, a claim's transactions only when a shard waits.
        if (!(await stores.runs.hasClaimable(this.staleBefore()))) continue;
        const more = await this.work(source);
        mine.shards += more.shards;
        mine.evaluated += more.evaluated;
        mine.skipped += more.skipped;
      }
      phase('others');
      const applied = await stores.runs.applyRun(
        runId,
        started,
        {
          day,
          pruneBeforeDay: new Date(
            started.getTime() - this.options.historyRetentionDays * DAY_MS,
          )
            .toISOString()
            .slice(0, 10),
          guardrailSet: guardrails.fingerprint,
        },
        this.listenerFor(guardrails),
      );
      await this.sendNotifications();
      phase('apply');
      await this.refreshStatistics(() =>
        stores.runs.refreshStatistics(applied),
      );
      phase('statistics');
      written += await recordCampaignProgress({
        stores,
        guardrails,
        storedSet: this.storedSet,
        snapshot,
        definitions: campaigns,
        at: started,
      });
      phase('campaigns');
      logger.info(
        `Run ${runId}: ${plans.length} shards, ${mine.shards} evaluated here (${
          mine.evaluated
        } entities evaluated, ${mine.skipped} unchanged passed over), ${
          written + applied.written
        } rows written; ${phases.join(', ')}`,
      );
      return {
        entityCount: snapshot.size,
        evaluatedCount: applied.evaluatedCount,
        rowsWritten: written + applied.written,
        shards: plans.length,
        evaluatedHere: mine.evaluated,
        unchangedHere: mine.skipped,
      };
    } catch (e) {
      // The other replicas stop evaluating shards that no one will apply.
      await stores.runs
        .dropRun(runId)
        .catch(dropped =>
          logger.warn(
            `Dropping the shards of failed run ${runId} failed: ${dropped}`,
          ),
        );
      throw e;
    } finally {
      this.running = false;
      // A run that failed early leaves none of its statistics running behind it.
      await Promise.allSettled(statistics);
    }
  }

  /** The entity and its owner and system from the catalog; a NotFoundError when it is not there. */
  async readEntity(entityRef: string): Promise<CatalogSnapshot> {
    const snapshot = await this.options.readNeighbourhood([entityRef]);
    if (!snapshot.has(entityRef))
      throw new NotFoundError(`Entity ${entityRef} is not in the catalog`);
    return snapshot;
  }

  /** Re-evaluates one entity with its current facts and exemptions. */
  async runEntity(
    entityRef: string,
    neighbourhood?: CatalogSnapshot,
  ): Promise<void> {
    const { stores, now } = this.options;
    // Before any input is read (see replaceEntity).
    const at = now();
    const snapshot = neighbourhood ?? (await this.readEntity(entityRef));
    const node = snapshot.get(entityRef);
    const [missions, pushed, exemptions, provided, derived, campaigns] =
      await Promise.all([
        stores.missions.getEntityMissions([entityRef]),
        stores.facts.byEntity([entityRef]),
        stores.exemptions.activeByEntity(at, [entityRef]),
        this.provided([entityRef]),
        stores.boundaries.factsOfMany([entityRef]),
        stores.campaigns.definitions(),
      ]);
    const entity = entityContext(
      snapshot,
      {
        missions,
        pushed,
        exemptions,
        provided,
        derived: node && hasBoundaryFacts(node.kind) ? derived : new Map(),
        campaigns: compileCampaigns(campaigns),
      },
      entityRef,
      at.getTime(),
    );
    const { compiled: guardrails } = await this.sets.current();
    const decided = hashedOutcome(guardrails, entity, snapshot);
    const row =
      entity &&
      decided &&
      storedRow(
        { stores, guardrails },
        entity.ctx,
        decided.outcome,
        decided.header,
        decided.hash,
        at.toISOString(),
      );
    await stores.runs.replaceEntity(
      entityRef,
      row,
      at.toISOString(),
      this.listenerFor(guardrails),
    );
    await this.sendNotifications();
  }
}
