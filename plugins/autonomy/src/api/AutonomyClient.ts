import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  BoundaryMapResponse,
  BrokenChainsResponse,
  CreateExemptionRequest,
  EntityBoundariesResponse,
  EntityScorecardResponse,
  Exemption,
  GuardrailsResponse,
  MissionChainResponse,
  MissionTreeResponse,
  OwnershipGapsResponse,
  StaleMissionsResponse,
  TeamAutonomyResponse,
  TeamBoundariesResponse,
  TeamsWithoutMissionResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { AutonomyApi } from './AutonomyApi';

/** {@link AutonomyApi} over HTTP, with the signed-in user's token through fetchApi. */
export class AutonomyClient implements AutonomyApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('autonomy');
    const url = `${baseUrl}${path}`;
    const response = await (init
      ? this.deps.fetchApi.fetch(url, init)
      : this.deps.fetchApi.fetch(url));
    if (!response.ok) throw await ResponseError.fromResponse(response);
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

  getBrokenChains(page: { limit?: number; offset?: number } = {}) {
    const query = new URLSearchParams({
      limit: String(page.limit ?? 50),
      offset: String(page.offset ?? 0),
    });
    return this.get<BrokenChainsResponse>(`/missions/broken-chains?${query}`);
  }

  getGuardrails() {
    return this.get<GuardrailsResponse>('/guardrails');
  }

  getEntityScorecard(entity: CompoundEntityRef) {
    return this.get<EntityScorecardResponse>(
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
}
