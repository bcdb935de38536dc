import {
  autonomyTabLink,
  dayOf,
  NOTIFICATION_TOPICS,
  type AutonomyNotification,
} from './notifications';

/** An active exemption with what a reminder names. */
export interface ExpiringExemption {
  id: string;
  entityRef: string;
  guardrailId: string;
  guardrailTitle: string;
  /** ISO timestamp. */
  expiresAt: string;
  /** The requester's user ref. */
  createdBy: string;
  ownerRef?: string;
}

const DAY_MS = 86_400_000;

/** Whole calendar days (UTC) from `now` to the expiry: 0 on the day it expires. */
const daysLeft = (expiresAt: string, now: Date) =>
  Math.round(
    (Date.parse(dayOf(new Date(expiresAt))) - Date.parse(dayOf(now))) / DAY_MS,
  );

/**
 * Reminders due now, to the requester and the owning team: one when the exemption is at most
 * 7 days from expiry, one on the day it expires. Each is keyed by the exemption and the stage, so
 * a task that runs many times a day (or was down on the seventh day) sends each stage once.
 */
export function exemptionReminderNotifications(
  exemptions: ExpiringExemption[],
  now: Date,
): AutonomyNotification[] {
  const due: AutonomyNotification[] = [];
  for (const e of exemptions) {
    if (Date.parse(e.expiresAt) <= now.getTime()) continue;
    const days = daysLeft(e.expiresAt, now);
    if (days > 7) continue;
    const today = days === 0;
    const when = today
      ? `today at ${e.expiresAt.slice(11, 16)} UTC`
      : `in ${days} day${days === 1 ? '' : 's'} (${dayOf(
          new Date(e.expiresAt),
        )})`;
    due.push({
      key: `exemption-expiring:${e.id}:${today ? 'today' : '7-days'}`,
      topic: NOTIFICATION_TOPICS.exemptionExpiring,
      recipients: [e.createdBy, ...(e.ownerRef ? [e.ownerRef] : [])],
      payload: {
        title: `Exemption of ${e.entityRef} from "${e.guardrailTitle}" expires ${when}`,
        description: `After that the guardrail ${e.guardrailId} counts again. Fix what it checks, or request a new exemption with a reason.`,
        link: autonomyTabLink(e.entityRef),
        severity: today ? 'high' : 'normal',
      },
    });
  }
  return due;
}
