import { parseEntityRef } from '@backstage/catalog-model';
import {
  NOTIFICATION_TOPICS,
  type AutonomyNotification,
} from './notifications';

/** A campaign as the deadline reminders need it (a `CampaignSummary` of the API fits). */
export interface CampaignDeadline {
  ref: string;
  title: string;
  /** ISO calendar date. */
  deadline: string;
  /** Days until the deadline: 0 on the day, negative after. */
  daysLeft: number;
  teams: { teamRef: string; done: number; total: number }[];
}

/** The campaign's page in the portal's organisation view. */
export function campaignLink(campaignRef: string): string {
  const { namespace, name } = parseEntityRef(campaignRef);
  return `/autonomy/campaigns/${encodeURIComponent(
    namespace,
  )}/${encodeURIComponent(name)}`;
}

/**
 * Reminders to each team still behind (not every entity in scope done) when the deadline is at
 * most 14 days away, and again at most 3 days away: keyed by campaign, team and stage, so each is
 * sent once even when the sweep missed the exact day. Nothing once the deadline has come.
 */
export function campaignDeadlineNotifications(
  campaigns: CampaignDeadline[],
): AutonomyNotification[] {
  const due: AutonomyNotification[] = [];
  for (const c of campaigns) {
    if (c.daysLeft <= 0 || c.daysLeft > 14) continue;
    const stage = c.daysLeft <= 3 ? '3-days' : '14-days';
    for (const team of c.teams) {
      if (!team.teamRef || team.done >= team.total) continue;
      due.push({
        key: `campaign-deadline:${c.ref}:${team.teamRef}:${stage}`,
        topic: NOTIFICATION_TOPICS.campaignDeadline,
        recipients: [team.teamRef],
        payload: {
          title: `Campaign "${c.title}" is due in ${c.daysLeft} day${
            c.daysLeft === 1 ? '' : 's'
          } (${c.deadline}): ${team.done} of ${team.total} done`,
          description: `From ${c.deadline} its guardrails are enforced for your entities. The campaign page lists what each one must fix.`,
          link: campaignLink(c.ref),
          severity: stage === '3-days' ? 'high' : 'normal',
        },
      });
    }
  }
  return due;
}
