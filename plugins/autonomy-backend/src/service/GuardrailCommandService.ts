import {
  ConflictError,
  InputError,
  isError,
  NotFoundError,
} from '@backstage/errors';
import type {
  CreateExemptionRequest,
  EntityScorecardOrNone,
  Exemption,
  PushFactsRequest,
  PushFactsResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { CompiledGuardrails } from '../domain/guardrails/compileGuardrails';
import { checkExemptionRequest } from '../domain/guardrails/exemptionRequest';
import type { FactSourceSchema } from '../domain/guardrails/facts';
import { validatePushedFacts } from '../domain/guardrails/validatePushedFacts';
import { entityGuardrail } from '../domain/guardrails/entityGuardrail';
import {
  fixedGuardrailSet,
  type GuardrailSetSource,
} from '../guardrailSets/GuardrailSets';
import type { AnalysisPipeline } from '../run/AnalysisPipeline';
import type { Stores } from '../store/createStores';
import type { GuardrailReadService } from './GuardrailReadService';

/**
 * The writes: exemptions, pushed facts and re-evaluating one entity. Each write re-evaluates the
 * entity it touches through the analysis pipeline, so its scorecard is current when this returns.
 */
export class GuardrailCommandService {
  constructor(
    private readonly deps: {
      stores: Pick<Stores, 'guardrails' | 'exemptions' | 'facts'>;
      reads: GuardrailReadService;
      /** app-config's guardrails: the set when `guardrailSets` is not given. */
      guardrails: CompiledGuardrails;
      /** The set of the last applied analysis, app-config's and the catalog's. */
      guardrailSets?: Pick<GuardrailSetSource, 'current'>;
      sources: FactSourceSchema[];
      maxExemptionDays: number;
      pipeline: Pick<AnalysisPipeline, 'readEntity' | 'runEntity'>;
      now(): Date;
    },
  ) {}

  /** Re-evaluates one entity now and returns its new scorecard. */
  async reevaluateEntity(entityRef: string): Promise<EntityScorecardOrNone> {
    await this.deps.pipeline.runEntity(entityRef);
    return this.deps.reads.getScorecard(entityRef);
  }

  async createExemption(
    request: CreateExemptionRequest,
    createdBy: string,
  ): Promise<Exemption> {
    const { stores, now, maxExemptionDays, pipeline } = this.deps;
    const sets =
      this.deps.guardrailSets ?? fixedGuardrailSet(this.deps.guardrails);
    const guardrails = (await sets.current()).compiled;
    const at = now();
    const { problems } = checkExemptionRequest(request, {
      guardrailIds: new Set(guardrails.guardrails.map(g => g.definition.id)),
      maxDays: maxExemptionDays,
      now: at,
    });
    if (problems.length) throw new InputError(problems.join('; '));
    // Reading the entity first turns an unknown entity into a 404 before anything is stored.
    const entity = await pipeline.readEntity(request.entityRef);
    const node = entity.get(request.entityRef);
    const guardrail = guardrails.guardrails.find(
      g => g.definition.id === request.guardrailId,
    );
    // Another team's standard, or one the team opted out of, has nothing to exempt from either.
    const decided =
      node && guardrail?.applies(node) && entityGuardrail(guardrail, node);
    if (!decided || decided.optOut)
      throw new InputError(
        `guardrail "${request.guardrailId}" does not apply to ${request.entityRef}: there is nothing to exempt it from`,
      );
    // The store holds at most one active exemption per entity × guardrail, atomically.
    const result = await stores.exemptions.create(request, createdBy, at);
    if ('active' in result) {
      const { id, expiresAt } = result.active;
      throw new ConflictError(
        `${request.entityRef} already has an active exemption from ${request.guardrailId} (${id}), until ${expiresAt}`,
      );
    }
    await pipeline.runEntity(request.entityRef, entity);
    return result.created;
  }

  async revokeExemption(
    id: string,
    by: string,
    reason: string,
  ): Promise<Exemption> {
    return this.revokeExemptionAs(id, reason, async () => by);
  }

  /**
   * Revokes an exemption for a caller the permission policy decides on: `authorize` is given the
   * exemption's entity and returns the caller's user ref, or throws NotAllowedError. A caller who
   * is not allowed gets the same 404 as for an id that does not exist, so ids cannot be probed.
   */
  async revokeExemptionAs(
    id: string,
    reason: string,
    authorize: (entityRef: string) => Promise<string>,
  ): Promise<Exemption> {
    const exemption = await this.deps.reads.getExemption(id);
    let by: string;
    try {
      by = await authorize(exemption.entityRef);
    } catch (error) {
      if (isError(error) && error.name === 'NotAllowedError')
        throw new NotFoundError(`No exemption ${id}`);
      throw error;
    }
    const revoked = await this.deps.stores.exemptions.revoke(
      id,
      by,
      reason,
      this.deps.now(),
    );
    if (!revoked)
      throw new ConflictError(
        `Exemption ${id} is ${exemption.status}, not active`,
      );
    await this.deps.pipeline.runEntity(exemption.entityRef);
    return revoked;
  }

  async pushFacts(request: PushFactsRequest): Promise<PushFactsResponse> {
    const { stores, now, sources, pipeline } = this.deps;
    const at = now();
    const { problems, values, observedAt } = validatePushedFacts(
      request,
      new Map(sources.map(s => [s.id, s])),
      at,
    );
    if (problems.length)
      throw new InputError(`Invalid facts: ${problems.join('; ')}`);
    // Fails with 404 for an entity that is not in the catalog, before anything is stored.
    const entity = await pipeline.readEntity(request.entityRef);
    const stored = await stores.facts.upsert(
      request.entityRef,
      request.source,
      values,
      observedAt,
      at,
    );
    if (stored) await pipeline.runEntity(request.entityRef, entity);
    return {
      entityRef: request.entityRef,
      source: request.source,
      observedAt: observedAt.toISOString(),
      // false when an observation of this source as new or newer was already stored
      stored,
      score: await stores.guardrails.getScore(request.entityRef),
    };
  }
}
