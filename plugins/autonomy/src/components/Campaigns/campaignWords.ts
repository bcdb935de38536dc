import type { CampaignSummary } from '@aligned-autonomy/plugin-autonomy-common';
import { parseEntityRef } from '@backstage/catalog-model';

/** "31 March", with the year when it is not `today`'s: people read deadlines as days. */
export function deadlineDay(deadline: string, today: string): string {
  return new Date(`${deadline}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    ...(deadline.slice(0, 4) === today.slice(0, 4) ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  });
}

/** "due 31 March (in 14 days)", "due today", "enforced since 15 November". */
export function deadlineLabel(
  campaign: Pick<CampaignSummary, 'deadline' | 'daysLeft'>,
  today: string,
): string {
  const day = deadlineDay(campaign.deadline, today);
  if (campaign.daysLeft > 1) return `due ${day} (in ${campaign.daysLeft} days)`;
  if (campaign.daysLeft === 1) return `due ${day} (tomorrow)`;
  if (campaign.daysLeft === 0) return `due today, ${day}`;
  return `enforced since ${day}`;
}

/** What the campaign's scope is made of, for "3 of 5 services done". */
export function doneLabel(done: number, total: number): string {
  return `${done} of ${total} done`;
}

/** The share done, 0–100, or 0 without entities in scope. */
export const sharePercent = (done: number, total: number) =>
  total ? Math.round((done / total) * 100) : 0;

/** The campaign's page below the organisation view. */
export function campaignPath(autonomyPath: string, ref: string): string {
  const { namespace, name } = parseEntityRef(ref);
  return `${autonomyPath}/campaigns/${encodeURIComponent(
    namespace,
  )}/${encodeURIComponent(name)}`;
}

/** A team ref for people; entities without an owner are grouped as "no owner". */
export const teamName = (teamRef: string) =>
  teamRef ? parseEntityRef(teamRef).name : 'no owner';
