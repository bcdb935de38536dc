import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  BoundaryMapResponse,
  BrokenChainsResponse,
  CampaignListResponse,
  CampaignResponse,
  CreateExemptionRequest,
  EntityBoundariesResponse,
  EntityScorecardOrNone,
  Exemption,
  ExportScorecardsQuery,
  GetBrokenChainsQuery,
  GetRollupsQuery,
  GetGuardrailFailingQuery,
  GuardrailDetailResponse,
  GuardrailPreviewResponse,
  GuardrailsResponse,
  HeatmapResponse,
  HistoryResponse,
  HistoryScope,
  ListCampaignsQuery,
  ListScorecardsQuery,
  MissionChainResponse,
  MissionTreeResponse,
  OwnershipGapsResponse,
  RollupListResponse,
  RollupScope,
  ScorecardListResponse,
  StaleMissionsResponse,
  TeamAutonomyResponse,
  TeamGuardrailsResponse,
  TeamBoundariesResponse,
  TeamsWithoutMissionResponse,
} from '@aligned-autonomy/plugin-autonomy-common';

// The wire types come from the backend's OpenAPI spec, through the models generated into -common.
export type {
  HeatmapCell,
  HeatmapResponse,
  HistoryScope,
  RollupScope,
  ScorecardListItem,
  ScorecardSort,
  ScorecardTrendPoint,
} from '@aligned-autonomy/plugin-autonomy-common';

/**
 * The filters of the scorecard list and its CSV export (`GET /scorecards/export`). Every list
 * matches any of its values; `level` may hold `none` for entities without a level.
 * @public
 */
export type ScorecardFilters = ExportScorecardsQuery;

/**
 * A page of the scorecard list (`GET /scorecards`), with each row's daily scores when
 * `trendDays` is given.
 * @public
 */
export type ScorecardQuery = ListScorecardsQuery;

/**
 * A page of the scorecard list.
 * @public
 */
export type ScorecardPage = ScorecardListResponse;

/**
 * Client of the autonomy backend (`/api/autonomy`).
 * @public
 */
export interface AutonomyApi {
  getMissionChain(entity: CompoundEntityRef): Promise<MissionChainResponse>;
  getMissionTree(): Promise<MissionTreeResponse>;
  getStaleMissions(): Promise<StaleMissionsResponse>;
  getTeamsWithoutMission(): Promise<TeamsWithoutMissionResponse>;
  getBrokenChains(page?: GetBrokenChainsQuery): Promise<BrokenChainsResponse>;
  /** The guardrail definitions and the levels, lowest first. */
  getGuardrails(): Promise<GuardrailsResponse>;
  /**
   * The impact of one guardrail definition (YAML or JSON text, app-config or Guardrail entity
   * shape) on the latest analysis, storing nothing; rejects with a 400 ResponseError naming the
   * field of a bad definition, 403 without `autonomy.guardrail.preview`.
   */
  previewGuardrail(definition: string): Promise<GuardrailPreviewResponse>;
  /** A guardrail's page: definition, pass rate overall, per team and per day, exemptions, opt-outs; 404 when unknown. */
  getGuardrail(id: string, days?: number): Promise<GuardrailDetailResponse>;
  /** Entities failing the guardrail (fail, unknown or error), a page at a time. */
  getGuardrailFailing(
    id: string,
    page?: GetGuardrailFailingQuery,
  ): Promise<ScorecardListResponse>;
  /** A team's aligned and autonomous halves, its own standards, opt-outs and tightenings. */
  getTeamGuardrails(team: CompoundEntityRef): Promise<TeamGuardrailsResponse>;
  /**
   * The entity's guardrail results, or why it has none (no guardrail configured, or none applies);
   * rejects with a 404 ResponseError when not evaluated yet or not in the catalog.
   */
  getEntityScorecard(entity: CompoundEntityRef): Promise<EntityScorecardOrNone>;
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
    page?: Omit<GetRollupsQuery, 'scope'>,
  ): Promise<RollupListResponse>;
  /** Campaigns with their progress, soonest deadline first; for a team or an entity if given. */
  listCampaigns(query?: ListCampaignsQuery): Promise<CampaignListResponse>;
  /** A campaign with its burn-up, the teams behind and what each must fix; 404 when unknown. */
  getCampaign(campaign: CompoundEntityRef): Promise<CampaignResponse>;
}

/** @public */
export const autonomyApiRef = createApiRef<AutonomyApi>({
  id: 'plugin.autonomy.service',
});
