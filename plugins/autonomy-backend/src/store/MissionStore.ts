import type {
  MissionProblem,
  MissionSummary,
} from '@aligned-autonomy/plugin-autonomy-common';
import type {
  EntityMission,
  MissionAnalysis,
} from '../domain/missions/resolveMissions';

export type StoredMission = Omit<MissionSummary, 'stale'>;

/** Stored results of the mission analysis. Reads never analyse; they only read. */
export interface MissionStore {
  /**
   * Replaces the previous analysis atomically (readers see the old one or the new one), writing
   * only what changed; returns the number of rows written.
   */
  replaceAnalysis(
    analysis: MissionAnalysis,
    evaluatedAt: Date,
  ): Promise<number>;
  getEvaluatedAt(): Promise<string | undefined>;
  getEntityMission(entityRef: string): Promise<EntityMission | undefined>;
  getEntityMissions(entityRefs: string[]): Promise<Map<string, EntityMission>>;
  /** All missions, or those with the given refs. */
  getMissions(refs?: string[]): Promise<StoredMission[]>;
  /** Missions whose review date is before `today` (YYYY-MM-DD). */
  getMissionsToReview(today: string): Promise<StoredMission[]>;
  /** All mission problems, or those of the given missions. */
  listMissionProblems(missionRefs?: string[]): Promise<MissionProblem[]>;
  listBrokenChains(page: {
    limit: number;
    offset: number;
  }): Promise<{ items: EntityMission[]; total: number }>;
  listTeamsWithoutMission(): Promise<EntityMission[]>;
}
