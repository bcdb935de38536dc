import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
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
}

/** @public */
export const autonomyApiRef = createApiRef<AutonomyApi>({
  id: 'plugin.autonomy.service',
});
