import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationSeverity } from '@backstage/plugin-notifications-common';

/** One topic per kind of notification, so users can mute a kind in their notification settings. */
export const NOTIFICATION_TOPICS = {
  levelDropped: 'autonomy-level-dropped',
  exemptionExpiring: 'autonomy-exemption-expiring',
  campaignDeadline: 'autonomy-campaign-deadline',
  guardrailFailing: 'autonomy-guardrail-failing',
} as const;

export type NotificationTopic =
  (typeof NOTIFICATION_TOPICS)[keyof typeof NOTIFICATION_TOPICS];

/** A notification the plugin decided to send: plain data, recorded in the ledger under `key`. */
export interface AutonomyNotification {
  /** Names the notification uniquely: the same key is never sent twice. */
  key: string;
  topic: NotificationTopic;
  /** Entity refs: groups are resolved to their members by the notifications backend. */
  recipients: string[];
  payload: {
    title: string;
    description: string;
    /** A path in the portal, e.g. `/catalog/default/component/checkout-api/autonomy`. */
    link: string;
    severity: NotificationSeverity;
  };
}

/** The portal page of an entity's Autonomy tab (the legacy app's catalog routes). */
export function autonomyTabLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}/autonomy`;
}

/** The ISO calendar day (UTC) of a time. */
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);
