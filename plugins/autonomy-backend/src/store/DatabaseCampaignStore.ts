import type { Knex } from 'knex';
import type {
  CampaignGuardrail,
  CampaignTeamProgress,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { CampaignDefinition } from '../domain/campaigns/campaigns';
import type {
  CampaignFailure,
  CampaignMember,
  CampaignProgress,
} from '../domain/campaigns/campaignProgress';
import { insertRows, lastRun, whereAnyOf } from './analysisRuns';
import { syncRows } from './syncRows';

/** A campaign as stored: its definition and its progress at the last run (absent before one). */
export interface StoredCampaign {
  definition: CampaignDefinition;
  guardrails?: CampaignGuardrail[];
  done?: number;
  total?: number;
  teams?: CampaignTeamProgress[];
}

/** One point of a campaign's burn-up: overall (teamRef '') or for one team. */
export interface CampaignPoint {
  teamRef: string;
  day: string;
  done: number;
  total: number;
}

/**
 * The stored results as a run counted campaign progress from them: how many entity rows there
 * were and the newest `evaluated_at`. A row is rewritten (newer `evaluated_at`) whenever its
 * outcome changes, also when it enters or leaves a campaign's scope (the campaign is part of its
 * outcome), and removed when it leaves the catalog, so an equal mark means equal progress.
 */
export interface ResultsMark {
  count: number;
  newest: string;
}

/** The row of `autonomy_analysis_runs` that keeps the mark the recorded progress was counted at. */
const PROGRESS_MARK = 'campaigns';

/** What a run found for one campaign. */
export interface CampaignRunResult {
  campaignRef: string;
  guardrails: CampaignGuardrail[];
  progress: CampaignProgress;
}

const parse = <T>(text: string | null): T | undefined =>
  text === null ? undefined : (JSON.parse(text) as T);

function toCampaign(row: Record<string, any>): StoredCampaign {
  return {
    definition: JSON.parse(row.definition),
    guardrails: parse(row.guardrails),
    done: row.done_count === null ? undefined : Number(row.done_count),
    total: row.total_count === null ? undefined : Number(row.total_count),
    teams: parse(row.teams),
  };
}

function toMember(row: Record<string, any>): CampaignMember {
  return {
    entityRef: row.entity_ref,
    title: row.title,
    teamRef: row.team_ref,
    done: Boolean(row.done),
    failing: JSON.parse(row.failing) as CampaignFailure[],
  };
}

/**
 * Campaigns on the plugin database (SQLite or PostgreSQL). The full run stores the definitions
 * before it plans its shards (every replica evaluates with them) and the progress after it
 * applied the results; views only read.
 */
export class DatabaseCampaignStore {
  constructor(private readonly db: Knex) {}

  /** Makes the stored definitions these; entities of removed campaigns go, history stays. */
  async replaceDefinitions(definitions: CampaignDefinition[]) {
    return this.db.transaction(async tx => {
      const written = await syncRows(
        tx,
        'autonomy_campaigns',
        definitions.map(d => ({
          campaign_ref: d.ref,
          definition: JSON.stringify(d),
        })),
        { key: ['campaign_ref'] },
      );
      const removed = await tx('autonomy_campaign_entities')
        .whereNotIn(
          'campaign_ref',
          definitions.map(d => d.ref),
        )
        .delete();
      // Changed campaigns: the progress must be counted again.
      if (written + removed > 0)
        await tx('autonomy_analysis_runs')
          .where({ name: PROGRESS_MARK })
          .delete();
      return written + removed;
    });
  }

  async resultsMark(): Promise<ResultsMark> {
    const row = await this.db('autonomy_entity_scores')
      .count({ count: '*' })
      .max({ newest: 'evaluated_at' })
      .first();
    return { count: Number(row?.count ?? 0), newest: row?.newest ?? '' };
  }

  /** Whether the recorded progress was counted from results with this mark, under these campaigns. */
  async progressIsCurrent(mark: ResultsMark): Promise<boolean> {
    const last = await this.db('autonomy_analysis_runs')
      .where({ name: PROGRESS_MARK })
      .first();
    return (
      !!last &&
      last.evaluated_at === mark.newest &&
      Number(last.entity_count) === mark.count
    );
  }

  /** When the progress was last recorded: the last complete guardrail run. */
  async getEvaluatedAt(): Promise<string | undefined> {
    return lastRun(this.db, 'guardrails');
  }

  async definitions(): Promise<CampaignDefinition[]> {
    const rows = await this.db('autonomy_campaigns')
      .select('definition')
      .orderBy('campaign_ref');
    return rows.map(r => JSON.parse(r.definition));
  }

  async list(): Promise<StoredCampaign[]> {
    const rows = await this.db('autonomy_campaigns').orderBy('campaign_ref');
    return rows.map(toCampaign);
  }

  async get(campaignRef: string): Promise<StoredCampaign | undefined> {
    const row = await this.db('autonomy_campaigns')
      .where({ campaign_ref: campaignRef })
      .first();
    return row ? toCampaign(row) : undefined;
  }

  /** The entities in a campaign's scope; only those not done when `behindOnly`. */
  async members(campaignRef: string, behindOnly = false) {
    const query = this.db('autonomy_campaign_entities')
      .where({ campaign_ref: campaignRef })
      .orderBy(['team_ref', 'entity_ref']);
    if (behindOnly) query.andWhere({ done: false });
    return (await query).map(toMember);
  }

  /** An entity's standing in each campaign that has it in scope, by campaign ref. */
  async standingOf(entityRef: string): Promise<Map<string, CampaignMember>> {
    const rows = await this.db('autonomy_campaign_entities').where({
      entity_ref: entityRef,
    });
    return new Map(rows.map(r => [r.campaign_ref, toMember(r)]));
  }

  /**
   * Records what a run found, in one transaction: each campaign's progress, the entities in its
   * scope and a burn-up point for the day wherever the overall or a team's figures changed since
   * the last point; only differences are written. A team that left the scope gets a point of 0 of
   * 0, which the burn-up shows as a gap.
   */
  async recordProgress(
    results: CampaignRunResult[],
    day: string,
    mark?: ResultsMark,
  ): Promise<number> {
    if (!results.length) return 0;
    return this.db.transaction(async tx => {
      let written = 0;
      const latest = await this.latestPoints(
        tx,
        results.map(r => r.campaignRef),
      );
      const points: Record<string, unknown>[] = [];
      written += await syncRows(
        tx,
        'autonomy_campaigns',
        results.map(({ campaignRef, guardrails, progress }) => ({
          campaign_ref: campaignRef,
          guardrails: JSON.stringify(guardrails),
          done_count: progress.done,
          total_count: progress.total,
          teams: JSON.stringify(progress.teams),
        })),
        {
          key: ['campaign_ref'],
          // Progress of these campaigns only; their definitions were stored before the run.
          scope: q =>
            q.whereIn(
              'campaign_ref',
              results.map(r => r.campaignRef),
            ),
        },
      );
      for (const { campaignRef, progress } of results) {
        written += await syncRows(
          tx,
          'autonomy_campaign_entities',
          progress.members.map(m => ({
            campaign_ref: campaignRef,
            entity_ref: m.entityRef,
            title: m.title,
            team_ref: m.teamRef,
            done: m.done,
            failing: JSON.stringify(m.failing),
          })),
          {
            key: ['campaign_ref', 'entity_ref'],
            scope: q => q.where({ campaign_ref: campaignRef }),
          },
        );
        const now = new Map<string, { done: number; total: number }>([
          ['', { done: progress.done, total: progress.total }],
          ...progress.teams.map(
            t => [t.teamRef, { done: t.done, total: t.total }] as const,
          ),
        ]);
        // Teams that had entities in scope and have none now.
        for (const [key, point] of latest) {
          const [ref, teamRef] = JSON.parse(key);
          if (ref === campaignRef && !now.has(teamRef) && point.total > 0)
            now.set(teamRef, { done: 0, total: 0 });
        }
        for (const [teamRef, figures] of now) {
          const last = latest.get(JSON.stringify([campaignRef, teamRef]));
          if (
            last &&
            last.done === figures.done &&
            last.total === figures.total
          )
            continue;
          points.push({
            campaign_ref: campaignRef,
            team_ref: teamRef,
            day,
            done_count: figures.done,
            total_count: figures.total,
          });
        }
      }
      written += await insertRows(tx, 'autonomy_campaign_history', points, [
        'campaign_ref',
        'team_ref',
        'day',
      ]);
      if (mark)
        await tx('autonomy_analysis_runs')
          .insert({
            name: PROGRESS_MARK,
            evaluated_at: mark.newest,
            entity_count: mark.count,
          })
          .onConflict('name')
          .merge();
      return written;
    });
  }

  /** The latest point of each campaign × team. */
  private async latestPoints(tx: Knex | Knex.Transaction, refs: string[]) {
    const rows = await whereAnyOf(
      tx('autonomy_campaign_history as h').select('h.*'),
      'h.campaign_ref',
      refs,
    ).andWhere(
      'h.day',
      '=',
      tx('autonomy_campaign_history as l')
        .max('l.day')
        .whereRaw('l.campaign_ref = h.campaign_ref')
        .andWhereRaw('l.team_ref = h.team_ref'),
    );
    return new Map<string, { done: number; total: number }>(
      rows.map((r: any) => [
        JSON.stringify([r.campaign_ref, r.team_ref]),
        { done: Number(r.done_count), total: Number(r.total_count) },
      ]),
    );
  }

  /** A campaign's change points, oldest first, overall and per team. */
  async points(campaignRef: string): Promise<CampaignPoint[]> {
    const rows = await this.db('autonomy_campaign_history')
      .where({ campaign_ref: campaignRef })
      .orderBy(['team_ref', 'day']);
    return rows.map(r => ({
      teamRef: r.team_ref,
      day: r.day,
      done: Number(r.done_count),
      total: Number(r.total_count),
    }));
  }
}
