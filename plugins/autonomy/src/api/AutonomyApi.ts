import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  BoundaryMapResponse,
  BrokenChainsResponse,
  CreateExemptionRequest,
  EntityBoundariesResponse,
  EntityScore,
  EntityScorecardResponse,
  Exemption,
  GuardrailState,
  GuardrailsResponse,
  HistoryResponse,
  MissionChainResponse,
  MissionTreeResponse,
  OwnershipGapsResponse,
  RollupListResponse,
  StaleMissionsResponse,
  TeamAutonomyResponse,
  TeamBoundariesResponse,
  TeamsWithoutMissionResponse,
} from '@aligned-autonomy/plugin-autonomy-common';

/**
 * What the scorecard list is sorted by: the title, the level reached, the score, or the number of
 * failing guardrails.
 * @public
 */
export type ScorecardSort = 'score' | 'title' | 'level' | 'failing';

/**
 * The filters of the scorecard list and its CSV export. Every list matches any of its values;
 * `level` may hold `none` for entities without a level.
 * @public
 */
export interface ScorecardFilters {
  ownerRef?: string[];
  systemRef?: string[];
  domainRef?: string[];
  kind?: string[];
  level?: string[];
  /** With `state`: entities where this guardrail is in one of the states. */
  guardrailId?: string;
  /** Without `guardrailId`: entities with any guardrail in one of the states. */
  state?: GuardrailState[];
  /** Text in the title or the entity ref. */
  q?: string;
  orderBy?: ScorecardSort;
  order?: 'asc' | 'desc';
}

/**
 * A page of the scorecard list, with each row's daily scores when `trendDays` is given.
 * @public
 */
export interface ScorecardQuery extends ScorecardFilters {
  limit?: number;
  offset?: number;
  /** Include each row's daily scores for this many days (at most 90). */
  trendDays?: number;
}

/** @public */
export interface ScorecardTrendPoint {
  day: string;
  score: number | null;
}

/** @public */
export type ScorecardListItem = EntityScore & { trend?: ScorecardTrendPoint[] };

/** @public */
export interface ScorecardPage {
  items: ScorecardListItem[];
  total: number;
  /** When the guardrails were last evaluated; absent before the first run. */
  evaluatedAt?: string;
}

/**
 * One cell of the teams × guardrails heat map: the owner's results for the guardrail.
 * @public
 */
export interface HeatmapCell {
  ownerRef: string;
  guardrailId: string;
  /** Results per state; states without results are absent. */
  counts: Partial<Record<GuardrailState, number>>;
  total: number;
  /** Share (0–1) of results that pass or are exempt; null without results. */
  metShare: number | null;
}

/** @public */
export interface HeatmapResponse {
  teams: string[];
  guardrails: { id: string; title: string; level: string }[];
  cells: HeatmapCell[];
  evaluatedAt?: string;
}

/** @public */
export type RollupScope = 'team' | 'system' | 'domain' | 'org';

/** @public */
export type HistoryScope = HistoryResponse['scope'];

/**
 * Client of the autonomy backend (`/api/autonomy`).
 * @public
 */
export interface AutonomyApi {
  getMissionChain(entity: CompoundEntityRef): Promise<MissionChainResponse>;
  getMissionTree(): Promise<MissionTreeResponse>;
  getStaleMissions(): Promise<StaleMissionsResponse>;
  getTeamsWithoutMission(): Promise<TeamsWithoutMissionResponse>;
  getBrokenChains(page?: {
    limit?: number;
    offset?: number;
  }): Promise<BrokenChainsResponse>;
  /** The guardrail definitions and the levels, lowest first. */
  getGuardrails(): Promise<GuardrailsResponse>;
  /** The entity's guardrail results; rejects with a 404 ResponseError when not evaluated yet. */
  getEntityScorecard(
    entity: CompoundEntityRef,
  ): Promise<EntityScorecardResponse>;
  /** Rejects with a ResponseError: 400 when invalid (e.g. expiry too far ahead), 403 when not allowed. */
  createExemption(request: CreateExemptionRequest): Promise<Exemption>;
  revokeExemption(id: string, reason: string): Promise<Exemption>;
  /**
   * The entity's dependencies across team boundaries, its owner's team API and the problems found.
   * Rejects with a 404 ResponseError when not analysed yet or unknown.
   */
  getEntityBoundaries(
    entity: CompoundEntityRef,
  ): Promise<EntityBoundariesResponse>;
  /** A team's (Group's) team API, load, dependencies and expired collaborations; 404 when not analysed yet. */
  getTeamBoundaries(team: CompoundEntityRef): Promise<TeamBoundariesResponse>;
  /** A team's earned autonomy level, its decisions and what would widen it; 404 when not analysed yet. */
  getTeamAutonomy(team: CompoundEntityRef): Promise<TeamAutonomyResponse>;
  /** Teams and the team-to-team dependencies between them, counted per health. */
  getBoundaryMap(): Promise<BoundaryMapResponse>;
  /** Ownership gaps across the catalog. */
  getOwnershipGaps(): Promise<OwnershipGapsResponse>;
  /** Evaluated entities with level and score: filtered, sorted and paged on the server. */
  listScorecards(query?: ScorecardQuery): Promise<ScorecardPage>;
  /** The URL of the CSV export of every entity matching the filters (needs the user's token). */
  scorecardsCsvUrl(query?: ScorecardFilters): Promise<string>;
  /** The CSV export of every entity matching the filters, fetched with the user's token. */
  downloadScorecardsCsv(query?: ScorecardFilters): Promise<string>;
  /** Teams × guardrails: each owner's results per guardrail and the share met. */
  getHeatmap(): Promise<HeatmapResponse>;
  /** Daily points, oldest first: of an entity or team (`ref`), or of the organisation. */
  getHistory(
    scope: HistoryScope,
    ref?: string,
    days?: number,
  ): Promise<HistoryResponse>;
  /** Aggregates per team, system or domain (paged, sorted by ref), or for the organisation. */
  getRollups(
    scope: RollupScope,
    page?: { limit?: number; offset?: number },
  ): Promise<RollupListResponse>;
}

/** @public */
export const autonomyApiRef = createApiRef<AutonomyApi>({
  id: 'plugin.autonomy.service',
});
