import { NotFoundError } from '@backstage/errors';
import type {
  CampaignBurnupPoint,
  CampaignListResponse,
  CampaignResponse,
  CampaignSummary,
  CampaignTeamBehind,
} from '@aligned-autonomy/plugin-autonomy-common';
import { daysUntil } from '../domain/campaigns/campaignProgress';
import { fillDays } from '../domain/guardrails/history';
import type {
  CampaignPoint,
  DatabaseCampaignStore,
  StoredCampaign,
} from '../store/DatabaseCampaignStore';

/**
 * Campaigns as the views, notifications and actions read them: stored progress from the last
 * full run, with the deadline judged on the read day.
 */
export class CampaignService {
  constructor(
    private readonly store: DatabaseCampaignStore,
    private readonly now: () => Date,
  ) {}

  private today() {
    return this.now().toISOString().slice(0, 10);
  }

  private summary(stored: StoredCampaign, today: string): CampaignSummary {
    const { definition: d } = stored;
    const teams = stored.teams ?? [];
    const daysLeft = daysUntil(d.deadline, today);
    return {
      ref: d.ref,
      title: d.title,
      ownerRef: d.ownerRef,
      why: d.why,
      deadline: d.deadline,
      enforced: daysLeft <= 0,
      daysLeft,
      guardrails:
        stored.guardrails ?? d.guardrailIds.map(id => ({ id, known: true })),
      targets: d.targets,
      done: stored.done ?? 0,
      total: stored.total ?? 0,
      teams,
      teamsBehind: teams.filter(t => t.done < t.total).map(t => t.teamRef),
    };
  }

  /**
   * Every campaign with its deadline, progress and the teams behind, soonest deadline first;
   * with `teamRef`, those with entities of that team in scope; with `entityRef`, those with that
   * entity in scope, each with its standing.
   */
  async listCampaigns(
    options: { teamRef?: string; entityRef?: string } = {},
  ): Promise<CampaignListResponse> {
    const today = this.today();
    let campaigns = (await this.store.list()).map(c => ({
      stored: c,
      summary: this.summary(c, today),
    }));
    if (options.teamRef) {
      // References compare without case.
      const team = options.teamRef.toLocaleLowerCase('en-US');
      campaigns = campaigns.filter(c =>
        c.summary.teams.some(
          t => t.teamRef.toLocaleLowerCase('en-US') === team,
        ),
      );
    }
    if (options.entityRef) {
      const standing = await this.store.standingOf(options.entityRef);
      campaigns = campaigns.flatMap(c => {
        const member = standing.get(c.summary.ref);
        if (!member) return [];
        c.summary.entity = {
          entityRef: member.entityRef,
          done: member.done,
          failingGuardrailIds: member.failing.map(f => f.guardrailId),
        };
        return [c];
      });
    }
    const evaluatedAt = await this.store.getEvaluatedAt();
    return {
      items: campaigns
        .map(c => c.summary)
        .sort(
          (a, b) =>
            a.deadline.localeCompare(b.deadline) || a.ref.localeCompare(b.ref),
        ),
      ...(evaluatedAt ? { evaluatedAt } : {}),
    };
  }

  /** One campaign with its burn-up overall and per team, the teams behind and their fixes. */
  async getCampaign(campaignRef: string): Promise<CampaignResponse> {
    const stored = await this.store.get(campaignRef);
    if (!stored)
      throw new NotFoundError(
        `No campaign ${campaignRef}: it is not in the catalog, or the catalog has not been analysed since it was added`,
      );
    const today = this.today();
    const summary = this.summary(stored, today);
    const [points, behindMembers, evaluatedAt] = await Promise.all([
      this.store.points(campaignRef),
      this.store.members(campaignRef, true),
      this.store.getEvaluatedAt(),
    ]);
    // Carried forward to the last complete run: a day without a point is a day without change.
    const untilDay = (evaluatedAt ?? today).slice(0, 10);
    const series = new Map<string, CampaignPoint[]>();
    for (const p of points)
      series.set(p.teamRef, [...(series.get(p.teamRef) ?? []), p]);
    const daily = (teamRef: string): CampaignBurnupPoint[] => {
      const list = series.get(teamRef) ?? [];
      if (!list.length) return [];
      return fillDays(list, list[0].day, untilDay, p => p.total > 0).map(
        ({ day, done, total }) => ({ day, done, total }),
      );
    };
    const howToFix = new Map(
      summary.guardrails.map(g => [g.id, g.howToFix] as const),
    );
    const behind: CampaignTeamBehind[] = summary.teams
      .filter(t => t.done < t.total)
      .map(t => ({
        ...t,
        fixes: behindMembers
          .filter(m => m.teamRef === t.teamRef)
          .flatMap(m =>
            m.failing.map(f => ({
              entityRef: m.entityRef,
              title: m.title,
              guardrailId: f.guardrailId,
              state: f.state,
              ...(f.message ? { message: f.message } : {}),
              ...(howToFix.get(f.guardrailId)
                ? { howToFix: howToFix.get(f.guardrailId) }
                : {}),
            })),
          ),
      }));
    return {
      ...summary,
      burnup: daily(''),
      teamBurnups: [...series.keys()]
        .filter(teamRef => teamRef !== '')
        .sort()
        .map(teamRef => ({ teamRef, points: daily(teamRef) }))
        // A team that left the scope the day it entered has no day to draw.
        .filter(team => team.points.length > 0),
      behind,
      ...(evaluatedAt ? { evaluatedAt } : {}),
    };
  }
}
