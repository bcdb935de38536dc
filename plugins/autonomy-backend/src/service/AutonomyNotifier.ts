import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { levelDropNotifications } from '../domain/notifications/levelDrops';
import type { CompiledGuardrails } from '../domain/guardrails/compileGuardrails';
import {
  guardrailFailingNotifications,
  guardrailSummaries,
  type GuardrailSummary,
} from '../domain/notifications/guardrailFailing';
import { exemptionReminderNotifications } from '../domain/notifications/exemptionReminders';
import { recipientsWithAccess } from '../domain/notifications/recipients';
import {
  dayOf,
  type AutonomyNotification,
} from '../domain/notifications/notifications';
import type { Stores } from '../store/createStores';
import type { ResultChanges } from '../store/resultChanges';

const DAY_MS = 86_400_000;

export interface AutonomyNotifierOptions {
  stores: Pick<Stores, 'notifications' | 'exemptions'>;
  /** The guardrails in force (app-config's and the catalog's), for the reminders' wording. */
  guardrails(): Promise<GuardrailSummary[]>;
  /** The groups each user is a member of (from the catalog). */
  readMemberships(userRefs: string[]): Promise<Map<string, string[]>>;
  /** Backstage's notification service. */
  notifications: Pick<NotificationService, 'send'>;
  /** Notifications due on top of the built-in ones (campaign deadlines), with their access. */
  extraDue?: () => Promise<AutonomyNotification[]>;
  logger: LoggerService;
  now(): Date;
  /** A claim not marked sent after this long is taken again (default 10 minutes). */
  claimStaleAfterMs?: number;
}

/**
 * Decides, records and sends the plugin's notifications. What is due is decided by the pure
 * functions in domain/notifications; every notification is first recorded in the ledger under
 * its key (insert-or-skip), then sent by whichever replica claims it.
 *
 * A crash between recording and sending leaves the row pending: the scheduled sweep of any
 * replica sends it once the claim is stale, so nothing is lost. A crash after sending but before
 * marking it sent makes the sweep send it again, with the key as the notification's `scope`: the
 * notifications backend then updates the notification it already has instead of adding a second.
 */
export class AutonomyNotifier {
  constructor(private readonly options: AutonomyNotifierOptions) {}

  /**
   * Records what a write of results calls for, inside its transaction; `guardrails` are those the
   * results were evaluated with (a run may bring a new Guardrail entity along).
   */
  readonly onResultChanges = async (
    tx: Knex.Transaction,
    changes: ResultChanges,
    guardrails: CompiledGuardrails,
  ): Promise<void> => {
    const { stores, now } = this.options;
    const at = now();
    const day = dayOf(at);
    // Both go to the owning team only: its members are who may see the entity.
    const due = [
      ...levelDropNotifications(changes.levelChanges, day),
      ...guardrailFailingNotifications(
        changes.failingBefore,
        changes.failingAfter,
        guardrailSummaries(guardrails.guardrails.map(g => g.definition)),
        day,
      ),
    ];
    if (due.length) await stores.notifications.record(due, at, tx);
  };

  /** Records the exemption reminders (and any extra notifications) due now. */
  async recordDue(): Promise<string[]> {
    const { stores, now, readMemberships, guardrails } = this.options;
    const at = now();
    const titles = new Map((await guardrails()).map(g => [g.id, g.title]));
    const expiring = await stores.exemptions.expiringBefore(
      at,
      new Date(at.getTime() + 8 * DAY_MS),
    );
    const memberships = await readMemberships([
      ...new Set(expiring.map(e => e.createdBy)),
    ]);
    // The requester is a user targeted directly: kept only while they may see the entity.
    const reminders = expiring.flatMap(e =>
      exemptionReminderNotifications(
        [{ ...e, guardrailTitle: titles.get(e.guardrailId) ?? e.guardrailId }],
        at,
      )
        .map(n => ({
          ...n,
          recipients: recipientsWithAccess(n.recipients, {
            ownerRef: e.ownerRef,
            memberships,
          }),
        }))
        .filter(n => n.recipients.length),
    );
    const extra = (await this.options.extraDue?.()) ?? [];
    return stores.notifications.record([...reminders, ...extra], at);
  }

  /** Sends the pending notifications this replica can claim; returns how many it sent. */
  async sendPending(): Promise<number> {
    const { stores, now, notifications, logger } = this.options;
    const staleAfter = this.options.claimStaleAfterMs ?? 10 * 60_000;
    let sent = 0;
    for (;;) {
      const at = now();
      const claimed = await stores.notifications.claimPending(
        at,
        new Date(at.getTime() - staleAfter),
      );
      if (!claimed.length) return sent;
      for (const [i, n] of claimed.entries()) {
        try {
          await notifications.send({
            recipients: { type: 'entity', entityRef: n.recipients },
            payload: { ...n.payload, topic: n.topic, scope: n.key },
          });
          if (await stores.notifications.markSent(n, now())) sent++;
        } catch (e) {
          // The backend is likely down: give back this claim and the rest for the next sweep.
          logger.warn(`Notification ${n.key} not sent, will retry: ${e}`);
          for (const left of claimed.slice(i))
            await stores.notifications.release(left);
          return sent;
        }
      }
    }
  }

  /** The scheduled task: reminders due now, then everything still pending. */
  async runScheduled(): Promise<void> {
    await this.recordDue();
    await this.sendPending();
  }
}
