import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogSnapshot } from '../domain/catalogSnapshot';
import {
  resolveMissions,
  type EntityMission,
} from '../domain/missions/resolveMissions';
import type { CompiledGuardrails } from '../domain/guardrails/compileGuardrails';
import {
  evaluateCatalog,
  type CatalogFacts,
} from '../domain/guardrails/evaluateCatalog';
import type { FactValue } from '../domain/guardrails/facts';
import { historyPoints } from '../domain/guardrails/history';
import {
  analyzeBoundaries,
  boundaryFacts,
} from '../domain/boundaries/analyzeBoundaries';
import type { FactProviderRegistry } from '../facts/FactProviderRegistry';
import type { Stores } from '../store/createStores';

const DAY_MS = 86_400_000;

export interface AnalysisPipelineOptions {
  stores: Stores;
  guardrails: CompiledGuardrails;
  historyRetentionDays: number;
  factProviders: FactProviderRegistry;
  readSnapshot(): Promise<CatalogSnapshot>;
  readNeighbourhood(entityRef: string): Promise<CatalogSnapshot>;
  logger: LoggerService;
  now(): Date;
}

/**
 * The one evaluation pipeline every view reads from: catalog snapshot → mission analysis →
 * guardrail evaluation → stored results. A full run is the scheduled task; a single-entity run
 * (facts pushed, exemption changed, asked for) reuses the same steps for one entity.
 */
export class AnalysisPipeline {
  constructor(private readonly options: AnalysisPipelineOptions) {}

  /** Fact provider values for these entities; a failing provider leaves its facts unknown. */
  private async provided(refs: string[]) {
    const provided = new Map<string, Map<string, Record<string, FactValue>>>();
    for (const provider of this.options.factProviders.list()) {
      try {
        provided.set(provider.id, await provider.getFacts(refs));
      } catch (e) {
        this.options.logger.warn(
          `Fact provider ${provider.id} failed; its facts count as unknown: ${e}`,
        );
      }
    }
    return provided;
  }

  async runFull(): Promise<{ entityCount: number; evaluatedCount: number }> {
    const { stores, now } = this.options;
    const snapshot = await this.options.readSnapshot();
    const missionAnalysis = resolveMissions(snapshot);
    const started = now();
    await stores.missions.replaceAnalysis(missionAnalysis, started);
    const boundaries = analyzeBoundaries(
      snapshot,
      started.toISOString().slice(0, 10),
    );
    await stores.boundaries.replaceAnalysis(boundaries, started);

    const facts: CatalogFacts = {
      missions: new Map(missionAnalysis.entities.map(e => [e.entityRef, e])),
      pushed: await stores.facts.byEntity(),
      provided: await this.provided([...snapshot.keys()]),
      derived: boundaryFacts(snapshot, boundaries.dependencies),
      exemptions: await stores.exemptions.activeByEntity(started),
    };
    const scored = evaluateCatalog(
      snapshot,
      this.options.guardrails,
      facts,
      started.getTime(),
    );
    const day = started.toISOString().slice(0, 10);
    const pruneBefore = new Date(
      started.getTime() - this.options.historyRetentionDays * DAY_MS,
    );
    await stores.guardrails.replaceAll({
      entities: scored,
      evaluatedAt: started,
      history: historyPoints(scored, day),
      pruneBeforeDay: pruneBefore.toISOString().slice(0, 10),
    });
    return { entityCount: snapshot.size, evaluatedCount: scored.length };
  }

  /** The entity and its owner and system from the catalog; a NotFoundError when it is not there. */
  readEntity(entityRef: string): Promise<CatalogSnapshot> {
    return this.options.readNeighbourhood(entityRef);
  }

  /** Re-evaluates one entity with its current facts and exemptions. */
  async runEntity(
    entityRef: string,
    neighbourhood?: CatalogSnapshot,
  ): Promise<void> {
    const { stores, now } = this.options;
    const snapshot = neighbourhood ?? (await this.readEntity(entityRef));
    const at = now();
    const mission: EntityMission | undefined =
      await stores.missions.getEntityMission(entityRef);
    const facts: CatalogFacts = {
      missions: new Map(mission ? [[entityRef, mission]] : []),
      pushed: await stores.facts.byEntity(entityRef),
      provided: await this.provided([entityRef]),
      derived: new Map([
        [entityRef, await stores.boundaries.factsOf(entityRef)],
      ]),
      exemptions: await stores.exemptions.activeByEntity(at, entityRef),
    };
    const [scored] = evaluateCatalog(
      snapshot,
      this.options.guardrails,
      facts,
      at.getTime(),
      [entityRef],
    );
    await stores.guardrails.replaceEntity(entityRef, scored, at);
  }
}
