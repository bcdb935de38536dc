import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  BrokenChainsResponse,
  CreateExemptionRequest,
  EntityScorecardResponse,
  Exemption,
  GuardrailsResponse,
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
  /** The guardrail definitions and the levels, lowest first. */
  getGuardrails(): Promise<GuardrailsResponse>;
  /** The entity's guardrail results; rejects with a 404 ResponseError when not evaluated yet. */
  getEntityScorecard(
    entity: CompoundEntityRef,
  ): Promise<EntityScorecardResponse>;
  /** Rejects with a ResponseError: 400 when invalid (e.g. expiry too far ahead), 403 when not allowed. */
  createExemption(request: CreateExemptionRequest): Promise<Exemption>;
  revokeExemption(id: string, reason: string): Promise<Exemption>;
}

/** @public */
export const autonomyApiRef = createApiRef<AutonomyApi>({
  id: 'plugin.autonomy.service',
});
