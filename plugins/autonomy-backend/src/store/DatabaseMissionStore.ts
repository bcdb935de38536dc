import type { Knex } from 'knex';
import type { MissionProblem } from '@aligned-autonomy/plugin-autonomy-common';
import type {
  EntityMission,
  MissionAnalysis,
} from '../domain/missions/resolveMissions';
import type { MissionStore, StoredMission } from './MissionStore';
import { lastRun, whereAnyOf } from './analysisRuns';
import { syncAnalysis, type AnalysisTable } from './syncRows';

type EntityRow = {
  entity_ref: string;
  kind: string;
  spec_type: string | null;
  title: string;
  owner_ref: string | null;
  mission_ref: string | null;
  via: string | null;
  source_ref: string | null;
  chain_refs: string;
  problem_type: string | null;
  problem: string | null;
  has_own_mission: boolean | number | null;
};

function toRow(e: EntityMission): EntityRow {
  return {
    entity_ref: e.entityRef,
    kind: e.kind,
    spec_type: e.specType ?? null,
    title: e.title,
    owner_ref: e.ownerRef ?? null,
    mission_ref: e.resolution?.missionRef ?? null,
    via: e.resolution?.via ?? null,
    source_ref: e.resolution?.sourceRef ?? null,
    chain_refs: JSON.stringify(e.chainRefs),
    problem_type: e.problem?.type ?? null,
    problem: e.problem ? JSON.stringify(e.problem) : null,
    has_own_mission: e.hasOwnMission ?? null,
  };
}

function fromRow(row: EntityRow): EntityMission {
  return {
    entityRef: row.entity_ref,
    kind: row.kind,
    specType: row.spec_type ?? undefined,
    title: row.title,
    ownerRef: row.owner_ref ?? undefined,
    resolution:
      row.mission_ref && row.via && row.source_ref
        ? {
            missionRef: row.mission_ref,
            via: row.via as any,
            sourceRef: row.source_ref,
          }
        : undefined,
    chainRefs: JSON.parse(row.chain_refs),
    problem: row.problem ? JSON.parse(row.problem) : undefined,
    hasOwnMission:
      row.has_own_mission === null ? undefined : Boolean(row.has_own_mission),
  };
}

/** {@link MissionStore} on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseMissionStore implements MissionStore {
  constructor(private readonly db: Knex) {}

  /**
   * Makes the stored analysis the given one in one transaction, writing only what changed since
   * the last run (readers see the old analysis or the new one). Returns the rows written.
   */
  async replaceAnalysis(analysis: MissionAnalysis, evaluatedAt: Date) {
    const tables: AnalysisTable[] = [
      {
        table: 'autonomy_entity_missions',
        rows: analysis.entities.map(toRow),
        key: ['entity_ref'],
      },
      {
        table: 'autonomy_missions',
        rows: analysis.missions.map(m => ({
          mission_ref: m.ref,
          parent_ref: m.parentRef ?? null,
          owner_ref: m.ownerRef,
          department_ref: m.departmentRef ?? null,
          review_by: m.reviewBy ?? null,
          summary: JSON.stringify(m),
        })),
        key: ['mission_ref'],
      },
      {
        table: 'autonomy_mission_problems',
        rows: analysis.problems.map(p => ({
          mission_ref: p.missionRef,
          type: p.type,
          message: p.message,
        })),
      },
    ];
    return this.db.transaction(tx =>
      syncAnalysis(tx, 'missions', tables, {
        evaluatedAt,
        entityCount: analysis.entities.length,
      }),
    );
  }

  /** The stored missions of these entities, for evaluating a shard of them. */
  async getEntityMissions(entityRefs: string[]) {
    const missions = new Map<string, EntityMission>();
    for (let i = 0; i < entityRefs.length; i += 1000) {
      const rows: EntityRow[] = await whereAnyOf(
        this.db('autonomy_entity_missions'),
        'entity_ref',
        entityRefs.slice(i, i + 1000),
      );
      for (const row of rows) missions.set(row.entity_ref, fromRow(row));
    }
    return missions;
  }

  async getEvaluatedAt() {
    return lastRun(this.db, 'missions');
  }

  async getEntityMission(entityRef: string) {
    const row = await this.db<EntityRow>('autonomy_entity_missions')
      .where({ entity_ref: entityRef })
      .first();
    return row ? fromRow(row) : undefined;
  }

  async getMissions(refs?: string[]) {
    const query = this.db('autonomy_missions')
      .select('summary')
      .orderBy('mission_ref');
    if (refs) query.whereIn('mission_ref', refs);
    const rows = await query;
    return rows.map(r => JSON.parse(r.summary) as StoredMission);
  }

  async getMissionsToReview(today: string) {
    const rows = await this.db('autonomy_missions')
      .select('summary')
      .whereNotNull('review_by')
      .andWhere('review_by', '<', today)
      .orderBy('review_by');
    return rows.map(r => JSON.parse(r.summary) as StoredMission);
  }

  async listMissionProblems(missionRefs?: string[]): Promise<MissionProblem[]> {
    const query = this.db('autonomy_mission_problems').orderBy([
      'mission_ref',
      'type',
    ]);
    if (missionRefs) query.whereIn('mission_ref', missionRefs);
    const rows = await query;
    return rows.map(r => ({
      missionRef: r.mission_ref,
      type: r.type,
      message: r.message,
    }));
  }

  async listBrokenChains(page: { limit: number; offset: number }) {
    const base = this.db<EntityRow>('autonomy_entity_missions').whereNotNull(
      'problem_type',
    );
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows = await base
      .clone()
      .orderBy('entity_ref')
      .limit(page.limit)
      .offset(page.offset);
    return { items: rows.map(fromRow), total: Number(count) };
  }

  async listTeamsWithoutMission() {
    const rows = await this.db<EntityRow>('autonomy_entity_missions')
      .where({ kind: 'group', spec_type: 'team' })
      .andWhere(q =>
        q.where('has_own_mission', false).orWhereNull('has_own_mission'),
      )
      .orderBy('entity_ref');
    return rows.map(fromRow);
  }
}
