import { InputError, NotFoundError } from '@backstage/errors';
import type {
  EntityScorecardOrNone,
  Exemption,
  ExemptionListResponse,
  ExportScorecardsQuery,
  GetHistoryQuery,
  GetRollupsQuery,
  GuardrailResult,
  GuardrailsResponse,
  HeatmapResponse,
  HistoryResponse,
  ListScorecardsQuery,
  RollupListResponse,
  RollupScope,
  ScorecardListResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { CatalogNode } from '../domain/catalogSnapshot';
import type { CompiledGuardrails } from '../domain/guardrails/compileGuardrails';
import { buildHeatmap } from '../domain/guardrails/heatmap';
import { fillDaily, lastHistoryDay } from '../domain/guardrails/history';
import { nextLevelOf } from '../domain/guardrails/nextLevel';
import { CSV_HEADER, scoreToCsvRow } from '../domain/guardrails/toCsv';
import { entityGuardrail } from '../domain/guardrails/entityGuardrail';
import { halvesOfTallies, scorecardHalves } from '../domain/guardrails/halves';
import {
  fixedGuardrailSet,
  storedSetLookup,
  type GuardrailSetSource,
} from '../guardrailSets/GuardrailSets';
import type { Stores } from '../store/createStores';
import type { ScoreQuery } from '../store/DatabaseGuardrailStore';
import type { StoredSetLookup } from '../store/scoreRows';
import type { ExemptionQuery } from '../store/DatabaseExemptionStore';

const DAY_MS = 86_400_000;
const TREND_DAYS = 90;
const EXPORT_PAGE = 1000;

const daysAgo = (now: Date, days: number) =>
  new Date(now.getTime() - days * DAY_MS).toISOString().slice(0, 10);

/** The store's column for each rollup scope; the organisation is everything (no column). */
const ROLLUP_COLUMNS = {
  team: 'owner',
  system: 'system',
  domain: 'domain',
  org: undefined,
} as const satisfies Record<RollupScope, string | undefined>;

/** A query parameter the validator may hand over as one value or as a list. */
const list = <T>(value: T | T[] | undefined): T[] | undefined =>
  value === undefined ? undefined : ([] as T[]).concat(value);

/** The wire's scorecard filters as the store's query: the search text is `q` on the wire. */
function toScoreQuery(
  query: ExportScorecardsQuery,
): Omit<ScoreQuery, 'limit' | 'offset'> {
  return {
    ownerRef: list(query.ownerRef),
    systemRef: list(query.systemRef),
    domainRef: list(query.domainRef),
    kind: list(query.kind),
    level: list(query.level),
    guardrailId: query.guardrailId,
    state: list(query.state),
    text: query.q,
    orderBy: query.orderBy ?? 'title',
    order: query.order ?? 'asc',
  };
}

type ReadStores = Pick<Stores, 'guardrails' | 'exemptions'>;

/** Reads stored guardrail results, scores, history and exemptions; it never evaluates. */
export class GuardrailReadService {
  constructor(
    private readonly deps: {
      stores: ReadStores;
      /** app-config's guardrails: the set when `guardrailSets` is not given. */
      guardrails: CompiledGuardrails;
      /** The set of the last applied analysis, app-config's and the catalog's. */
      guardrailSets?: Pick<GuardrailSetSource, 'current' | 'byFingerprint'>;
      /** The entity as the catalog has it now, undefined when it is not there. */
      readEntity(entityRef: string): Promise<CatalogNode | undefined>;
      now(): Date;
    },
  ) {
    this.sets = deps.guardrailSets ?? fixedGuardrailSet(deps.guardrails);
    this.storedSet = storedSetLookup(this.sets);
  }

  private readonly sets: Pick<GuardrailSetSource, 'current' | 'byFingerprint'>;
  /** Finds the set a stored outcome was evaluated with, to put it in words. */
  private readonly storedSet: StoredSetLookup;

  /** The guardrails the stored results come from: the last applied analysis's set. */
  private async effective() {
    return this.sets.current();
  }

  /** The set stored results name by fingerprint, with its definitions in order and by id. */
  private async setOf(fingerprint: string | undefined) {
    const { compiled } = await this.sets.byFingerprint(fingerprint);
    const definitions = compiled.guardrails.map(g => g.definition);
    return {
      compiled,
      definitions,
      byId: new Map(definitions.map(d => [d.id, d])),
    };
  }

  private async definitions() {
    const { compiled } = await this.effective();
    return compiled.guardrails.map(g => g.definition);
  }

  async getGuardrails(): Promise<GuardrailsResponse> {
    const { compiled, set } = await this.effective();
    return {
      levels: compiled.levels,
      guardrails: compiled.guardrails.map(g => g.definition),
      problems: set.problems,
      fingerprint: compiled.fingerprint,
    };
  }

  async getScorecard(entityRef: string): Promise<EntityScorecardOrNone> {
    const { stores, now } = this.deps;
    const since = daysAgo(now(), TREND_DAYS);
    // A scorecard is the most frequent request: the entity's row brings the last run's time and
    // set, its exemptions and its trend along, in one query instead of five.
    const scorecard = await stores.guardrails.getScorecard(
      entityRef,
      this.storedSet,
      { now: now(), trendSince: since },
    );
    if (!scorecard) return this.withoutScorecard(entityRef);
    const { exemptions, trendPoints } = scorecard;
    const { compiled, definitions, byId } = await this.setOf(
      scorecard.appliedSet,
    );
    const { score } = scorecard;
    const stored = new Map(scorecard.results.map(r => [r.guardrailId, r]));
    const results: GuardrailResult[] = definitions.map(
      d =>
        stored.get(d.id) ?? {
          guardrailId: d.id,
          state: 'not-applicable',
          facts: [],
        },
    );
    const { blockingNext, ...rest } = score;
    return {
      ...rest,
      nextLevel: nextLevelOf(scorecard.results, definitions, compiled.levels),
      ...scorecardHalves(results, byId),
      results,
      exemptions,
      trend: fillDaily(trendPoints, since, lastHistoryDay(scorecard.lastRunAt)),
    };
  }

  /**
   * Why an entity has no stored scorecard: no guardrail is configured, none applies to it as the
   * catalog has it now (both answered, not errors), or it has not been evaluated yet or is not in
   * the catalog (404s saying which).
   */
  private async withoutScorecard(
    entityRef: string,
  ): Promise<EntityScorecardOrNone> {
    const { guardrails } = (await this.effective()).compiled;
    const evaluatedAt = await this.deps.stores.guardrails.getEvaluatedAt();
    const none = { entityRef, guardrailCount: guardrails.length, evaluatedAt };
    if (guardrails.length === 0)
      return { ...none, status: 'no-guardrails-configured' };
    const node = await this.deps.readEntity(entityRef);
    if (!node) throw new NotFoundError(`${entityRef} is not in the catalog`);
    if (!guardrails.some(g => g.applies(node) && entityGuardrail(g, node)))
      return { ...none, status: 'no-guardrail-applies' };
    throw new NotFoundError(
      evaluatedAt
        ? `${entityRef} has not been evaluated yet; the next analysis evaluates it`
        : 'Guardrails have not been evaluated yet; the first evaluation runs shortly after start-up',
    );
  }

  async listScores(query: ListScorecardsQuery): Promise<ScorecardListResponse> {
    const { guardrails } = this.deps.stores;
    const page = await guardrails.listScores({
      ...toScoreQuery(query),
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    const evaluatedAt = await guardrails.getEvaluatedAt();
    if (!query.trendDays) return { ...page, evaluatedAt };
    const trends = await guardrails.trends(
      page.items.map(i => i.entityRef),
      daysAgo(this.deps.now(), query.trendDays),
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
  async *exportCsv(query: ExportScorecardsQuery): AsyncGenerator<string> {
    const filters = toScoreQuery(query);
    yield `${CSV_HEADER.join(',')}\n`;
    for (let offset = 0; ; offset += EXPORT_PAGE) {
      const { items } = await this.deps.stores.guardrails.listScores({
        ...filters,
        limit: EXPORT_PAGE,
        offset,
      });
      if (items.length) yield `${items.map(scoreToCsvRow).join('\n')}\n`;
      if (items.length < EXPORT_PAGE) return;
    }
  }

  /** Teams × guardrails: for each cell, results per state and the share that pass or are exempt. */
  async heatmap(): Promise<HeatmapResponse> {
    const { guardrails } = this.deps.stores;
    return {
      ...buildHeatmap(await guardrails.heatmap(), await this.definitions()),
      evaluatedAt: await guardrails.getEvaluatedAt(),
    };
  }

  async rollups(query: GetRollupsQuery): Promise<RollupListResponse> {
    // Levels are app-config's, the same in every set: the page's one query brings the set.
    const { levels } = this.deps.guardrails;
    const page = await this.deps.stores.guardrails.rollups(
      ROLLUP_COLUMNS[query.scope],
      levels,
      { limit: query.limit ?? 50, offset: query.offset ?? 0 },
    );
    const definitions =
      query.scope === 'team'
        ? (await this.setOf(page.appliedSet)).byId
        : undefined;
    return {
      items: page.items.map(({ guardrailTallies, ...item }) =>
        definitions
          ? { ...item, ...halvesOfTallies(guardrailTallies, definitions) }
          : item,
      ),
      total: page.total,
      evaluatedAt: page.evaluatedAt,
    };
  }

  async history(query: GetHistoryQuery): Promise<HistoryResponse> {
    const { scope, ref } = query;
    if (scope !== 'org' && !ref)
      throw new InputError(`ref is required for scope ${scope}`);
    const scopeRef = scope === 'org' ? 'org' : ref!;
    return {
      scope,
      ref: scopeRef,
      points: await this.deps.stores.guardrails.history(
        scope,
        scopeRef,
        daysAgo(this.deps.now(), query.days ?? 90),
      ),
    };
  }

  async listExemptions(query: ExemptionQuery): Promise<ExemptionListResponse> {
    return {
      items: await this.deps.stores.exemptions.list(query, this.deps.now()),
    };
  }

  async getExemption(id: string): Promise<Exemption> {
    const exemption = await this.deps.stores.exemptions.get(
      id,
      this.deps.now(),
    );
    if (!exemption) throw new NotFoundError(`No exemption ${id}`);
    return exemption;
  }
}
