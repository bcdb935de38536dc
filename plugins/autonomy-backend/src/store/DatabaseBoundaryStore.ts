import type { Knex } from 'knex';
import type {
  BoundaryProblem,
  CrossTeamDependency,
  OwnershipGap,
} from '@aligned-autonomy/plugin-autonomy-common';
import type {
  BoundaryAnalysis,
  TeamBoundaries,
} from '../domain/boundaries/analyzeBoundaries';
import { lastRun, whereAnyOf } from './analysisRuns';
import { syncAnalysis, type AnalysisTable } from './syncRows';

const toDependency = (r: any): CrossTeamDependency => ({
  fromRef: r.from_ref,
  toRef: r.to_ref,
  fromTeamRef: r.from_team_ref,
  toTeamRef: r.to_team_ref,
  via: r.via,
  health: r.health,
  ...(r.fix ? { fix: r.fix } : {}),
});

const toTeam = (r: any): TeamBoundaries => ({
  teamRef: r.team_ref,
  title: r.title,
  ...(r.parent_ref ? { parentRef: r.parent_ref } : {}),
  teamApi: JSON.parse(r.team_api),
  load: JSON.parse(r.load),
  expiredCollaborations: JSON.parse(r.expired_collaborations),
});

/** The stored boundary analysis. */
export class DatabaseBoundaryStore {
  constructor(private readonly db: Knex) {}

  /**
   * Replaces the previous analysis in one transaction, writing only what changed; returns the
   * number of rows written.
   */
  async replaceAnalysis(analysis: BoundaryAnalysis, evaluatedAt: Date) {
    const tables: AnalysisTable[] = [
      {
        table: 'autonomy_dependencies',
        rows: analysis.dependencies.map(d => ({
          from_ref: d.fromRef,
          to_ref: d.toRef,
          from_team_ref: d.fromTeamRef,
          to_team_ref: d.toTeamRef,
          via: d.via,
          health: d.health,
          fix: d.fix ?? null,
        })),
        key: ['from_ref', 'to_ref'],
      },
      {
        table: 'autonomy_boundary_problems',
        rows: analysis.problems.map(p => ({
          type: p.type,
          entity_ref: p.entityRef,
          message: p.message,
          refs: JSON.stringify(p.refs),
        })),
      },
      {
        table: 'autonomy_teams',
        rows: analysis.teams.map(t => ({
          team_ref: t.teamRef,
          title: t.title,
          parent_ref: t.parentRef ?? null,
          team_api: JSON.stringify(t.teamApi),
          load: JSON.stringify(t.load),
          expired_collaborations: JSON.stringify(t.expiredCollaborations),
        })),
        key: ['team_ref'],
      },
      {
        table: 'autonomy_ownership_gaps',
        rows: analysis.gaps.map(g => ({
          type: g.type,
          entity_ref: g.entityRef,
          owner_ref: g.ownerRef ?? null,
          message: g.message,
        })),
      },
    ];
    return this.db.transaction(tx =>
      syncAnalysis(tx, 'boundaries', tables, {
        evaluatedAt,
        entityCount: analysis.dependencies.length,
      }),
    );
  }

  async getEvaluatedAt(): Promise<string | undefined> {
    return lastRun(this.db, 'boundaries');
  }

  /** Dependencies from or to any of these entities (or teams, with `byTeam`). */
  async dependencies(refs: string[], byTeam = false) {
    const [from, to] = byTeam
      ? ['from_team_ref', 'to_team_ref']
      : ['from_ref', 'to_ref'];
    const rows = await this.db('autonomy_dependencies')
      .whereIn(from, refs)
      .orWhereIn(to, refs)
      .orderBy(['from_ref', 'to_ref']);
    const all = rows.map(toDependency);
    const fromOf = (d: CrossTeamDependency) =>
      byTeam ? d.fromTeamRef : d.fromRef;
    const toOf = (d: CrossTeamDependency) => (byTeam ? d.toTeamRef : d.toRef);
    return {
      outbound: all.filter(d => refs.includes(fromOf(d))),
      inbound: all.filter(d => refs.includes(toOf(d))),
    };
  }

  async problems(entityRefs: string[]): Promise<BoundaryProblem[]> {
    const rows = await this.db('autonomy_boundary_problems')
      .whereIn('entity_ref', entityRefs)
      .orderBy('id');
    return rows.map(r => ({
      type: r.type,
      entityRef: r.entity_ref,
      message: r.message,
      refs: JSON.parse(r.refs),
    }));
  }

  /** Problems whose refs include this entity (e.g. it is the missing target or in a cycle). */
  async problemsMentioning(entityRef: string): Promise<BoundaryProblem[]> {
    const rows = await this.db('autonomy_boundary_problems')
      .where('refs', 'like', `%${JSON.stringify(entityRef)}%`)
      .orderBy('id');
    return rows.map(r => ({
      type: r.type,
      entityRef: r.entity_ref,
      message: r.message,
      refs: JSON.parse(r.refs),
    }));
  }

  async team(teamRef: string): Promise<TeamBoundaries | undefined> {
    const row = await this.db('autonomy_teams')
      .where({ team_ref: teamRef })
      .first();
    return row ? toTeam(row) : undefined;
  }

  async teams(): Promise<TeamBoundaries[]> {
    return (await this.db('autonomy_teams').orderBy('team_ref')).map(toTeam);
  }

  /** Team-to-team edges with counts per health: the org boundary map. */
  async teamEdges() {
    const rows = await this.db('autonomy_dependencies')
      .select('from_team_ref', 'to_team_ref', 'health')
      .count({ count: '*' })
      .groupBy('from_team_ref', 'to_team_ref', 'health');
    const edges = new Map<
      string,
      {
        fromTeamRef: string;
        toTeamRef: string;
        healthy: number;
        contractGap: number;
        violation: number;
      }
    >();
    for (const r of rows as any[]) {
      const key = `${r.from_team_ref}→${r.to_team_ref}`;
      const edge = edges.get(key) ?? {
        fromTeamRef: r.from_team_ref as string,
        toTeamRef: r.to_team_ref as string,
        healthy: 0,
        contractGap: 0,
        violation: 0,
      };
      const field = (
        {
          healthy: 'healthy',
          'contract-gap': 'contractGap',
          violation: 'violation',
        } as const
      )[r.health as 'healthy'];
      edge[field] += Number(r.count);
      edges.set(key, edge);
    }
    return [...edges.values()];
  }

  async gaps(): Promise<OwnershipGap[]> {
    const rows = await this.db('autonomy_ownership_gaps').orderBy([
      'type',
      'entity_ref',
    ]);
    return rows.map(r => ({
      type: r.type,
      entityRef: r.entity_ref,
      message: r.message,
      ...(r.owner_ref ? { ownerRef: r.owner_ref } : {}),
    }));
  }

  /** Boundary facts of one entity for a single-entity evaluation. */
  async factsOf(entityRef: string): Promise<Record<string, number>> {
    return (await this.factsOfMany([entityRef])).get(entityRef)!;
  }

  /** Boundary facts of these entities, for evaluating a shard of them. */
  async factsOfMany(
    entityRefs: string[],
  ): Promise<Map<string, Record<string, number>>> {
    const facts = new Map(
      entityRefs.map(ref => [
        ref,
        { 'boundaries.violations': 0, 'boundaries.contractGaps': 0 },
      ]),
    );
    for (let i = 0; i < entityRefs.length; i += 1000) {
      const rows = await whereAnyOf(
        this.db('autonomy_dependencies').select('from_ref', 'health'),
        'from_ref',
        entityRefs.slice(i, i + 1000),
      );
      for (const { from_ref, health } of rows) {
        const own = facts.get(from_ref)!;
        if (health === 'violation') own['boundaries.violations']++;
        if (health === 'contract-gap') own['boundaries.contractGaps']++;
      }
    }
    return facts;
  }
}
