import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  ExportScorecardsQueryKeys,
  ListScorecardsQueryKeys,
} from '@aligned-autonomy/plugin-autonomy-common';
import type {
  BoundaryMapResponse,
  BrokenChainsResponse,
  CampaignListResponse,
  CampaignResponse,
  ListCampaignsQuery,
  GetBrokenChainsQuery,
  GetRollupsQuery,
  HeatmapResponse,
  HistoryScope,
  RollupScope,
  CreateExemptionRequest,
  EntityBoundariesResponse,
  EntityScorecardOrNone,
  Exemption,
  GetGuardrailFailingQuery,
  GuardrailDetailResponse,
  GuardrailPreviewResponse,
  GuardrailsResponse,
  HistoryResponse,
  MissionChainResponse,
  MissionTreeResponse,
  OwnershipGapsResponse,
  RollupListResponse,
  StaleMissionsResponse,
  TeamAutonomyResponse,
  TeamGuardrailsResponse,
  TeamBoundariesResponse,
  TeamsWithoutMissionResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import type {
  AutonomyApi,
  ScorecardFilters,
  ScorecardPage,
  ScorecardQuery,
} from './AutonomyApi';

/**
 * A query string of the given keys: lists repeat their parameter (`ownerRef=a&ownerRef=b`);
 * undefined values, empty strings and empty lists are left out.
 */
export function scorecardQueryString(
  query: ScorecardQuery,
  keys: readonly (keyof ScorecardQuery)[] = ListScorecardsQueryKeys,
): string {
  const params = new URLSearchParams();
  for (const key of keys) {
    const value = query[key];
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (v === undefined || v === null || v === '') continue;
      params.append(key, String(v));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * {@link AutonomyApi} over HTTP, with the signed-in user's token through fetchApi.
 * @public
 */
export class AutonomyClient implements AutonomyApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  private async url(path: string) {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('autonomy');
    return `${baseUrl}${path}`;
  }

  private async fetchOk(path: string, init?: RequestInit): Promise<Response> {
    const url = await this.url(path);
    const response = await (init
      ? this.deps.fetchApi.fetch(url, init)
      : this.deps.fetchApi.fetch(url));
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response;
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await this.fetchOk(path, init);
    return (await response.json()) as T;
  }

  private get<T>(path: string): Promise<T> {
    return this.request<T>(path);
  }

  private post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private static entityPath(entity: CompoundEntityRef) {
    return [entity.kind, entity.namespace, entity.name]
      .map(encodeURIComponent)
      .join('/');
  }

  /** Teams are Groups: the path names only namespace and name. */
  private static teamPath(team: CompoundEntityRef) {
    return [team.namespace, team.name].map(encodeURIComponent).join('/');
  }

  getMissionChain(entity: CompoundEntityRef) {
    return this.get<MissionChainResponse>(
      `/entities/${AutonomyClient.entityPath(entity)}/mission-chain`,
    );
  }

  getMissionTree() {
    return this.get<MissionTreeResponse>('/missions');
  }

  getStaleMissions() {
    return this.get<StaleMissionsResponse>('/missions/stale');
  }

  getTeamsWithoutMission() {
    return this.get<TeamsWithoutMissionResponse>(
      '/missions/teams-without-mission',
    );
  }

  getBrokenChains(page: GetBrokenChainsQuery = {}) {
    const query = new URLSearchParams({
      limit: String(page.limit ?? 50),
      offset: String(page.offset ?? 0),
    });
    return this.get<BrokenChainsResponse>(`/missions/broken-chains?${query}`);
  }

  getGuardrails() {
    return this.get<GuardrailsResponse>('/guardrails');
  }

  previewGuardrail(definition: string) {
    return this.post<GuardrailPreviewResponse>('/guardrails/preview', {
      definition,
    });
  }

  getGuardrail(id: string, days?: number) {
    return this.get<GuardrailDetailResponse>(
      `/guardrails/${encodeURIComponent(id)}${days ? `?days=${days}` : ''}`,
    );
  }

  getGuardrailFailing(id: string, page: GetGuardrailFailingQuery = {}) {
    const params = new URLSearchParams();
    if (page.limit !== undefined) params.set('limit', String(page.limit));
    if (page.offset !== undefined) params.set('offset', String(page.offset));
    const text = params.toString();
    return this.get<ScorecardPage>(
      `/guardrails/${encodeURIComponent(id)}/failing${text ? `?${text}` : ''}`,
    );
  }

  getTeamGuardrails(team: CompoundEntityRef) {
    return this.get<TeamGuardrailsResponse>(
      `/teams/${AutonomyClient.teamPath(team)}/guardrails`,
    );
  }

  getEntityScorecard(entity: CompoundEntityRef) {
    return this.get<EntityScorecardOrNone>(
      `/entities/${AutonomyClient.entityPath(entity)}/scorecard`,
    );
  }

  createExemption(request: CreateExemptionRequest) {
    return this.post<Exemption>('/exemptions', request);
  }

  revokeExemption(id: string, reason: string) {
    return this.post<Exemption>(
      `/exemptions/${encodeURIComponent(id)}/revoke`,
      { reason },
    );
  }

  getEntityBoundaries(entity: CompoundEntityRef) {
    return this.get<EntityBoundariesResponse>(
      `/entities/${AutonomyClient.entityPath(entity)}/boundaries`,
    );
  }

  getTeamBoundaries(team: CompoundEntityRef) {
    return this.get<TeamBoundariesResponse>(
      `/teams/${AutonomyClient.teamPath(team)}/boundaries`,
    );
  }

  getTeamAutonomy(team: CompoundEntityRef) {
    return this.get<TeamAutonomyResponse>(
      `/teams/${AutonomyClient.teamPath(team)}/autonomy`,
    );
  }

  getBoundaryMap() {
    return this.get<BoundaryMapResponse>('/boundaries/map');
  }

  getOwnershipGaps() {
    return this.get<OwnershipGapsResponse>('/ownership-gaps');
  }

  listCampaigns(query: ListCampaignsQuery = {}) {
    const params = new URLSearchParams();
    if (query.teamRef) params.set('teamRef', query.teamRef);
    if (query.entityRef) params.set('entityRef', query.entityRef);
    const text = params.toString();
    return this.get<CampaignListResponse>(
      `/campaigns${text ? `?${text}` : ''}`,
    );
  }

  getCampaign(campaign: CompoundEntityRef) {
    return this.get<CampaignResponse>(
      `/campaigns/${encodeURIComponent(
        campaign.namespace,
      )}/${encodeURIComponent(campaign.name)}`,
    );
  }

  listScorecards(query: ScorecardQuery = {}) {
    return this.get<ScorecardPage>(`/scorecards${scorecardQueryString(query)}`);
  }

  private static exportPath(query: ScorecardFilters) {
    return `/scorecards/export${scorecardQueryString(
      query,
      ExportScorecardsQueryKeys,
    )}`;
  }

  scorecardsCsvUrl(query: ScorecardFilters = {}) {
    return this.url(AutonomyClient.exportPath(query));
  }

  async downloadScorecardsCsv(query: ScorecardFilters = {}) {
    const response = await this.fetchOk(AutonomyClient.exportPath(query));
    return response.text();
  }

  getHeatmap() {
    return this.get<HeatmapResponse>('/heatmap');
  }

  getHistory(scope: HistoryScope, ref?: string, days?: number) {
    const query = new URLSearchParams({ scope });
    if (ref) query.set('ref', ref);
    if (days !== undefined) query.set('days', String(days));
    return this.get<HistoryResponse>(`/history?${query}`);
  }

  getRollups(scope: RollupScope, page: Omit<GetRollupsQuery, 'scope'> = {}) {
    const query = new URLSearchParams({ scope });
    if (page.limit !== undefined) query.set('limit', String(page.limit));
    if (page.offset !== undefined) query.set('offset', String(page.offset));
    return this.get<RollupListResponse>(`/rollups?${query}`);
  }
}
