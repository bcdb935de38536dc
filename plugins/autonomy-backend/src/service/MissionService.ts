import { NotFoundError } from '@backstage/errors';
import type {
  BrokenChainsResponse,
  EntityChainIssue,
  GetBrokenChainsQuery,
  MissionChainResponse,
  MissionSummary,
  MissionTreeResponse,
  StaleMissionsResponse,
  TeamsWithoutMissionResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { EntityMission } from '../domain/missions/resolveMissions';
import type { MissionStore, StoredMission } from '../store/MissionStore';

/** Turns stored analysis results into API responses; staleness is judged on the read day. */
export class MissionService {
  constructor(
    private readonly store: MissionStore,
    private readonly now: () => Date,
  ) {}

  private today() {
    return this.now().toISOString().slice(0, 10);
  }

  private withStaleness(missions: StoredMission[]): MissionSummary[] {
    const today = this.today();
    return missions.map(m => ({
      ...m,
      stale: !!m.reviewBy && m.reviewBy < today,
    }));
  }

  private async evaluatedAt(): Promise<string> {
    const at = await this.store.getEvaluatedAt();
    if (!at) {
      throw new NotFoundError(
        'The catalog has not been analysed yet; the first analysis runs shortly after start-up',
      );
    }
    return at;
  }

  async getChain(entityRef: string): Promise<MissionChainResponse> {
    const evaluatedAt = await this.evaluatedAt();
    const entry = await this.store.getEntityMission(entityRef);
    if (!entry) {
      throw new NotFoundError(
        `No mission analysis for ${entityRef}: it is not in the catalog, or not of a kind that has missions`,
      );
    }
    const missions = new Map(
      this.withStaleness(await this.store.getMissions(entry.chainRefs)).map(
        m => [m.ref, m],
      ),
    );
    return {
      entityRef,
      resolution: entry.resolution,
      chain: entry.chainRefs.map(ref => missions.get(ref)!).filter(Boolean),
      problem: entry.problem,
      missionProblems: await this.store.listMissionProblems(entry.chainRefs),
      evaluatedAt,
    };
  }

  async getTree(): Promise<MissionTreeResponse> {
    const evaluatedAt = await this.evaluatedAt();
    const missions = this.withStaleness(await this.store.getMissions());
    return {
      missions,
      rootRefs: missions.filter(m => !m.parentRef).map(m => m.ref),
      problems: await this.store.listMissionProblems(),
      evaluatedAt,
    };
  }

  async getStale(): Promise<StaleMissionsResponse> {
    const evaluatedAt = await this.evaluatedAt();
    return {
      items: this.withStaleness(
        await this.store.getMissionsToReview(this.today()),
      ),
      evaluatedAt,
    };
  }

  async getTeamsWithoutMission(): Promise<TeamsWithoutMissionResponse> {
    const evaluatedAt = await this.evaluatedAt();
    const teams = await this.store.listTeamsWithoutMission();
    return {
      items: teams.map(t => ({ teamRef: t.entityRef, title: t.title })),
      evaluatedAt,
    };
  }

  async getBrokenChains(
    page: GetBrokenChainsQuery = {},
  ): Promise<BrokenChainsResponse> {
    const evaluatedAt = await this.evaluatedAt();
    const { items, total } = await this.store.listBrokenChains({
      limit: page.limit ?? 50,
      offset: page.offset ?? 0,
    });
    return { items: items.map(toIssue), total, evaluatedAt };
  }
}

function toIssue(e: EntityMission): EntityChainIssue {
  return {
    entityRef: e.entityRef,
    kind: e.kind,
    ownerRef: e.ownerRef,
    resolution: e.resolution,
    problem: e.problem!,
  };
}
