import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type {
  CreateExemptionRequest,
  EntityScorecardResponse,
  Exemption,
  GuardrailsResponse,
  GuardrailResult,
  HistoryResponse,
  PushFactsRequest,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { CompiledGuardrails } from '../domain/guardrails/compileGuardrails';
import type { FactSourceSchema } from '../domain/guardrails/facts';
import { validatePushedFacts } from '../domain/guardrails/validatePushedFacts';
import { CSV_HEADER, scoreToCsvRow } from '../domain/guardrails/toCsv';
import type { AnalysisPipeline } from '../run/AnalysisPipeline';
import type { Stores } from '../store/createStores';
import type { RollupScope, ScoreQuery } from '../store/DatabaseGuardrailStore';
import type { ExemptionQuery } from '../store/DatabaseExemptionStore';

const DAY_MS = 86_400_000;
const TREND_DAYS = 90;
const EXPORT_PAGE = 1000;

const daysAgo = (now: Date, days: number) =>
  new Date(now.getTime() - days * DAY_MS).toISOString().slice(0, 10);

/** Reads stored guardrail results and carries out the writes (exemptions, pushed facts). */
export class GuardrailService {
  constructor(
    private readonly deps: {
      stores: Stores;
      guardrails: CompiledGuardrails;
      sources: FactSourceSchema[];
      maxExemptionDays: number;
      pipeline: AnalysisPipeline;
      now(): Date;
    },
  ) {}

  private get definitions() {
    return this.deps.guardrails.guardrails.map(g => g.definition);
  }

  getGuardrails(): GuardrailsResponse {
    return {
      levels: this.deps.guardrails.levels,
      guardrails: this.definitions,
    };
  }

  async getScorecard(entityRef: string): Promise<EntityScorecardResponse> {
    const { stores, now } = this.deps;
    const score = await stores.guardrails.getScore(entityRef);
    if (!score) {
      const evaluated = await stores.guardrails.getEvaluatedAt();
      throw new NotFoundError(
        evaluated
          ? `No guardrail applies to ${entityRef}, or it is not in the catalog`
          : 'Guardrails have not been evaluated yet; the first evaluation runs shortly after start-up',
      );
    }
    const stored = new Map(
      (await stores.guardrails.getResults(entityRef)).map(r => [
        r.guardrailId,
        r,
      ]),
    );
    const results: GuardrailResult[] = this.definitions.map(
      d =>
        stored.get(d.id) ?? {
          guardrailId: d.id,
          state: 'not-applicable',
          facts: [],
        },
    );
    const { blockingNext, ...rest } = score;
    const levels = this.deps.guardrails.levels;
    const nextIndex =
      score.level === null ? 0 : levels.indexOf(score.level) + 1;
    return {
      ...rest,
      nextLevel:
        nextIndex < levels.length
          ? { level: levels[nextIndex], blockingGuardrailIds: blockingNext }
          : undefined,
      results,
      exemptions: await stores.exemptions.list(
        { entityRef: [entityRef] },
        now(),
      ),
      trend: await stores.guardrails.history(
        'entity',
        entityRef,
        daysAgo(now(), TREND_DAYS),
      ),
    };
  }

  /** Re-evaluates one entity now and returns its new scorecard. */
  async evaluate(entityRef: string): Promise<EntityScorecardResponse> {
    await this.deps.pipeline.runEntity(entityRef);
    return this.getScorecard(entityRef);
  }

  async listScores(query: ScoreQuery, options: { trendDays?: number } = {}) {
    const page = await this.deps.stores.guardrails.listScores(query);
    const evaluatedAt = await this.deps.stores.guardrails.getEvaluatedAt();
    if (!options.trendDays) return { ...page, evaluatedAt };
    const trends = await this.deps.stores.guardrails.trends(
      page.items.map(i => i.entityRef),
      daysAgo(this.deps.now(), options.trendDays),
    );
    return {
      ...page,
      items: page.items.map(i => ({
        ...i,
        trend: trends.get(i.entityRef) ?? [],
      })),
      evaluatedAt,
    };
  }

  /** Every matching score as CSV, in pages so memory stays flat at catalog scale. */
  async *exportCsv(
    query: Omit<ScoreQuery, 'limit' | 'offset'>,
  ): AsyncGenerator<string> {
    yield `${CSV_HEADER.join(',')}\n`;
    for (let offset = 0; ; offset += EXPORT_PAGE) {
      const { items } = await this.deps.stores.guardrails.listScores({
        ...query,
        limit: EXPORT_PAGE,
        offset,
      });
      if (items.length) yield `${items.map(scoreToCsvRow).join('\n')}\n`;
      if (items.length < EXPORT_PAGE) return;
    }
  }

  /** Teams × guardrails: for each cell, results per state and the share that pass or are exempt. */
  async heatmap() {
    const rows = await this.deps.stores.guardrails.heatmap();
    const cells = new Map<
      string,
      {
        ownerRef: string;
        guardrailId: string;
        counts: Record<string, number>;
        total: number;
        met: number;
      }
    >();
    for (const r of rows) {
      const key = `${r.ownerRef} ${r.guardrailId}`;
      const cell = cells.get(key) ?? {
        ownerRef: r.ownerRef,
        guardrailId: r.guardrailId,
        counts: {},
        total: 0,
        met: 0,
      };
      cell.counts[r.state] = r.count;
      cell.total += r.count;
      if (r.state === 'pass' || r.state === 'exempt') cell.met += r.count;
      cells.set(key, cell);
    }
    return {
      teams: [...new Set(rows.map(r => r.ownerRef))].sort(),
      guardrails: this.definitions.map(d => ({
        id: d.id,
        title: d.title,
        level: d.level,
      })),
      cells: [...cells.values()].map(({ met, ...cell }) => ({
        ...cell,
        metShare: cell.total
          ? Math.round((met / cell.total) * 1000) / 1000
          : null,
      })),
      evaluatedAt: await this.deps.stores.guardrails.getEvaluatedAt(),
    };
  }

  async rollups(
    scope: RollupScope | undefined,
    page: { limit: number; offset: number },
  ) {
    const result = await this.deps.stores.guardrails.rollups(
      scope,
      this.deps.guardrails.levels,
      page,
    );
    return {
      ...result,
      evaluatedAt: await this.deps.stores.guardrails.getEvaluatedAt(),
    };
  }

  async history(
    scope: HistoryResponse['scope'],
    ref: string | undefined,
    days: number,
  ): Promise<HistoryResponse> {
    if (scope !== 'org' && !ref)
      throw new InputError(`ref is required for scope ${scope}`);
    const scopeRef = scope === 'org' ? 'org' : ref!;
    return {
      scope,
      ref: scopeRef,
      points: await this.deps.stores.guardrails.history(
        scope,
        scopeRef,
        daysAgo(this.deps.now(), days),
      ),
    };
  }

  listExemptions(query: ExemptionQuery) {
    return this.deps.stores.exemptions.list(query, this.deps.now());
  }

  async getExemption(id: string): Promise<Exemption> {
    const exemption = await this.deps.stores.exemptions.get(
      id,
      this.deps.now(),
    );
    if (!exemption) throw new NotFoundError(`No exemption ${id}`);
    return exemption;
  }

  async createExemption(
    request: CreateExemptionRequest,
    createdBy: string,
  ): Promise<Exemption> {
    const { stores, now, maxExemptionDays } = this.deps;
    const at = now();
    if (!this.definitions.some(d => d.id === request.guardrailId)) {
      throw new InputError(
        `guardrailId "${request.guardrailId}" is not a configured guardrail`,
      );
    }
    const expires = Date.parse(request.expiresAt);
    if (isNaN(expires))
      throw new InputError(
        `expiresAt "${request.expiresAt}" is not a timestamp`,
      );
    if (expires <= at.getTime())
      throw new InputError('expiresAt must be in the future');
    if (expires > at.getTime() + maxExemptionDays * DAY_MS) {
      throw new InputError(
        `expiresAt is more than ${maxExemptionDays} days ahead (autonomy.guardrails.exemptions.maxDays)`,
      );
    }
    // Reading the entity first turns an unknown entity into a 404 before anything is stored.
    const entity = await this.deps.pipeline.readEntity(request.entityRef);
    const result = await stores.exemptions.create(request, createdBy, at);
    if ('active' in result) {
      const { id, expiresAt } = result.active;
      throw new ConflictError(
        `${request.entityRef} already has an active exemption from ${request.guardrailId} (${id}), until ${expiresAt}`,
      );
    }
    await this.deps.pipeline.runEntity(request.entityRef, entity);
    return result.created;
  }

  async revokeExemption(
    id: string,
    by: string,
    reason: string,
  ): Promise<Exemption> {
    const exemption = await this.getExemption(id);
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

  async pushFacts(request: PushFactsRequest) {
    const { stores, now, sources } = this.deps;
    const at = now();
    const { problems, values, observedAt } = validatePushedFacts(
      request,
      new Map(sources.map(s => [s.id, s])),
      at,
    );
    if (problems.length)
      throw new InputError(`Invalid facts: ${problems.join('; ')}`);
    // Fails with 404 for an entity that is not in the catalog, before anything is stored.
    const entity = await this.deps.pipeline.readEntity(request.entityRef);
    const stored = await stores.facts.upsert(
      request.entityRef,
      request.source,
      values,
      observedAt,
      at,
    );
    if (stored) await this.deps.pipeline.runEntity(request.entityRef, entity);
    return {
      entityRef: request.entityRef,
      source: request.source,
      observedAt: observedAt.toISOString(),
      // false when a newer observation of this source was already stored
      stored,
      score: await stores.guardrails.getScore(request.entityRef),
    };
  }
}
