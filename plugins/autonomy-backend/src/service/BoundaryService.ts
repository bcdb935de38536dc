import { NotFoundError } from '@backstage/errors';
import type {
  BoundaryMapResponse,
  EntityBoundariesResponse,
  OwnershipGapsResponse,
  TeamAutonomyResponse,
  TeamBoundariesResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import { earnAutonomy } from '../domain/autonomy/earnAutonomy';
import { teamChoices } from '../domain/autonomy/teamChoices';
import type { AutonomyConfig } from '../config/readAutonomyConfig';
import type { Stores } from '../store/createStores';

/** Reads the stored boundary analysis and computes earned autonomy from the stored record. */
export class BoundaryService {
  constructor(
    private readonly deps: {
      stores: Stores;
      autonomy: AutonomyConfig;
      guardrailLevels: string[];
      now(): Date;
    },
  ) {}

  private async evaluatedAt(): Promise<string> {
    const at = await this.deps.stores.boundaries.getEvaluatedAt();
    if (!at)
      throw new NotFoundError(
        'Boundaries have not been analysed yet; the first analysis runs shortly after start-up',
      );
    return at;
  }

  async entityBoundaries(entityRef: string): Promise<EntityBoundariesResponse> {
    const evaluatedAt = await this.evaluatedAt();
    const { stores } = this.deps;
    const score = await stores.guardrails.getScore(entityRef);
    const mission = await stores.missions.getEntityMission(entityRef);
    if (!score && !mission)
      throw new NotFoundError(`${entityRef} is not in the analysed catalog`);
    const ownerRef = score?.ownerRef ?? mission?.ownerRef;
    const { outbound, inbound } = await stores.boundaries.dependencies([
      entityRef,
    ]);
    const owner = ownerRef ? await stores.boundaries.team(ownerRef) : undefined;
    const problems = [
      ...(await stores.boundaries.problems([entityRef])),
      ...(await stores.boundaries.problemsMentioning(entityRef)),
    ];
    return {
      entityRef,
      ownerRef,
      ownerTeamApi: owner?.teamApi,
      outbound,
      inbound,
      problems: problems.filter(
        (p, i) => problems.findIndex(q => q.message === p.message) === i,
      ),
      evaluatedAt,
    };
  }

  async teamBoundaries(teamRef: string): Promise<TeamBoundariesResponse> {
    const evaluatedAt = await this.evaluatedAt();
    const team = await this.deps.stores.boundaries.team(teamRef);
    if (!team)
      throw new NotFoundError(
        `Group ${teamRef} is not in the analysed catalog`,
      );
    const { outbound, inbound } =
      await this.deps.stores.boundaries.dependencies([teamRef], true);
    return {
      teamRef,
      teamApi: team.teamApi,
      load: team.load,
      expiredCollaborations: team.expiredCollaborations,
      outbound,
      inbound,
      problems: await this.deps.stores.boundaries.problems([teamRef]),
      evaluatedAt,
    };
  }

  async teamAutonomy(teamRef: string): Promise<TeamAutonomyResponse> {
    const evaluatedAt = await this.evaluatedAt();
    const { stores, autonomy, guardrailLevels, now } = this.deps;
    const team = await stores.boundaries.team(teamRef);
    if (!team)
      throw new NotFoundError(
        `Group ${teamRef} is not in the analysed catalog`,
      );
    const { outbound } = await stores.boundaries.dependencies([teamRef], true);
    const [exemptions, set, cells] = await Promise.all([
      stores.exemptions.list({ ownerRef: teamRef, status: ['active'] }, now()),
      stores.guardrailSets.applied(),
      stores.guardrails.heatmapCells({ ownerRefs: [teamRef] }),
    ]);
    const earned = earnAutonomy({
      levels: autonomy.levels,
      decisions: autonomy.decisions,
      guardrailLevels,
      record: {
        entityLevels: await stores.guardrails.levelsOwnedBy(teamRef),
        boundaryViolations: outbound.filter(d => d.health === 'violation')
          .length,
        openExemptions: exemptions.length,
        ...teamChoices(set, teamRef, cells),
      },
    });
    return { teamRef, ...earned, load: team.load, evaluatedAt };
  }

  async map(): Promise<BoundaryMapResponse> {
    const evaluatedAt = await this.evaluatedAt();
    const groups = await this.deps.stores.boundaries.teams();
    const titles = new Map(groups.map(g => [g.teamRef, g.title]));
    const teams = groups.filter(
      t => t.load.ownedEntities > 0 || t.teamApi.teamType,
    );
    return {
      teams: teams.map(t => ({
        teamRef: t.teamRef,
        title: t.title,
        teamType: t.teamApi.teamType,
        ownedEntities: t.load.ownedEntities,
        ...(t.parentRef && {
          department: {
            ref: t.parentRef,
            title: titles.get(t.parentRef) || t.parentRef,
          },
        }),
      })),
      edges: await this.deps.stores.boundaries.teamEdges(),
      evaluatedAt,
    };
  }

  async gaps(): Promise<OwnershipGapsResponse> {
    return {
      items: await this.deps.stores.boundaries.gaps(),
      evaluatedAt: await this.evaluatedAt(),
    };
  }
}
