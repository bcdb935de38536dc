import type {
  CampaignTeamProgress,
  GuardrailResult,
  GuardrailState,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { CampaignDefinition } from './campaigns';

/** A targeted entity with its stored results. */
export interface CampaignCandidate {
  entityRef: string;
  title: string;
  ownerRef?: string;
  results: Pick<GuardrailResult, 'guardrailId' | 'state' | 'message'>[];
}

export interface CampaignFailure {
  guardrailId: string;
  state: GuardrailState;
  message?: string;
}

/** An entity in a campaign's scope and whether it is done. */
export interface CampaignMember {
  entityRef: string;
  title: string;
  /** The owning team, or '' when the entity has none. */
  teamRef: string;
  done: boolean;
  failing: CampaignFailure[];
}

export interface CampaignProgress {
  done: number;
  total: number;
  /** Most behind first (lowest share done), then by team. */
  teams: CampaignTeamProgress[];
  members: CampaignMember[];
}

/** States that count as done: the guardrail holds, or an exemption covers it. */
const DONE: ReadonlySet<GuardrailState> = new Set(['pass', 'exempt']);

/**
 * A campaign's progress: an entity is in scope when at least one of the campaign's guardrails
 * applies to it, and done when each of those passes or is exempt. Counted overall and per owning
 * team.
 */
export function campaignProgress(
  campaign: Pick<CampaignDefinition, 'guardrailIds'>,
  candidates: CampaignCandidate[],
): CampaignProgress {
  const ids = new Set(campaign.guardrailIds);
  const members: CampaignMember[] = [];
  const teams = new Map<string, CampaignTeamProgress>();
  for (const c of candidates) {
    const relevant = c.results.filter(r => ids.has(r.guardrailId));
    if (!relevant.length) continue;
    const failing = relevant
      .filter(r => !DONE.has(r.state))
      .map(r => ({
        guardrailId: r.guardrailId,
        state: r.state,
        ...(r.message ? { message: r.message } : {}),
      }));
    const teamRef = c.ownerRef ?? '';
    const done = failing.length === 0;
    members.push({
      entityRef: c.entityRef,
      title: c.title,
      teamRef,
      done,
      failing,
    });
    const team = teams.get(teamRef) ?? { teamRef, done: 0, total: 0 };
    team.total++;
    if (done) team.done++;
    teams.set(teamRef, team);
  }
  const share = (t: CampaignTeamProgress) => t.done / t.total;
  return {
    done: members.filter(m => m.done).length,
    total: members.length,
    teams: [...teams.values()].sort(
      (a, b) => share(a) - share(b) || a.teamRef.localeCompare(b.teamRef),
    ),
    members: members.sort((a, b) => a.entityRef.localeCompare(b.entityRef)),
  };
}

/** Whole days from `today` to the deadline: 0 on the day, negative after. */
export function daysUntil(deadline: string, today: string): number {
  return Math.round(
    (Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) /
      86_400_000,
  );
}
