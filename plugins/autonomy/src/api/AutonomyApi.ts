import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  BrokenChainsResponse,
  MissionChainResponse,
  MissionTreeResponse,
  StaleMissionsResponse,
  TeamsWithoutMissionResponse,
} from '@aligned-autonomy/plugin-autonomy-common';

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
}

/** @public */
export const autonomyApiRef = createApiRef<AutonomyApi>({
  id: 'plugin.autonomy.service',
});
