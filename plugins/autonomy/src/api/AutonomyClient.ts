import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  BrokenChainsResponse,
  MissionChainResponse,
  MissionTreeResponse,
  StaleMissionsResponse,
  TeamsWithoutMissionResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { AutonomyApi } from './AutonomyApi';

/** {@link AutonomyApi} over HTTP, with the signed-in user's token through fetchApi. */
export class AutonomyClient implements AutonomyApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('autonomy');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }

  getMissionChain(entity: CompoundEntityRef) {
    const path = [entity.kind, entity.namespace, entity.name]
      .map(encodeURIComponent)
      .join('/');
    return this.get<MissionChainResponse>(`/entities/${path}/mission-chain`);
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
}
