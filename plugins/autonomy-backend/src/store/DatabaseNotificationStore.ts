import type { Knex } from 'knex';
import type { AutonomyNotification } from '../domain/notifications/notifications';

const RECORD_CHUNK = 500;

/** A notification taken by this replica to send. */
export interface ClaimedNotification extends AutonomyNotification {
  claimedAt: string;
}

/**
 * The notifications ledger. `record` is insert-or-skip on the notification's key, so whoever
 * finds the same thing again (a later run, another replica) adds nothing. Sending is claim, send,
 * mark sent: a claim is a compare-and-set on the row, so one replica sends it; a claim that
 * never got marked sent (the replica died) is taken again once stale.
 */
export class DatabaseNotificationStore {
  constructor(private readonly db: Knex) {}

  /** Records notifications not recorded before (within `tx` when given); returns their keys. */
  async record(
    notifications: AutonomyNotification[],
    now: Date,
    tx: Knex | Knex.Transaction = this.db,
  ): Promise<string[]> {
    const recorded: string[] = [];
    // A run can find thousands at once (a new guardrail); a statement per chunk keeps the
    // transaction that writes the results short.
    for (let i = 0; i < notifications.length; i += RECORD_CHUNK) {
      const inserted: { key: string }[] = await tx('autonomy_notifications')
        .insert(
          notifications.slice(i, i + RECORD_CHUNK).map(n => ({
            key: n.key,
            topic: n.topic,
            recipients: JSON.stringify(n.recipients),
            payload: JSON.stringify(n.payload),
            created_at: now.toISOString(),
          })),
        )
        .onConflict('key')
        .ignore()
        .returning('key');
      recorded.push(...inserted.map(r => r.key));
    }
    return recorded;
  }

  /**
   * Takes up to `limit` pending notifications to send: never sent, and not claimed since
   * `staleBefore`. Each is a compare-and-set, so two replicas never take the same one.
   */
  async claimPending(
    now: Date,
    staleBefore: Date,
    limit = 100,
  ): Promise<ClaimedNotification[]> {
    const stale = staleBefore.toISOString();
    const claimable = (q: Knex.QueryBuilder) =>
      q
        .whereNull('sent_at')
        .andWhere(w =>
          w.whereNull('claimed_at').orWhere('claimed_at', '<', stale),
        );
    const rows = await claimable(this.db('autonomy_notifications'))
      .orderBy('created_at')
      .limit(limit)
      .select('key', 'topic', 'recipients', 'payload');
    const claimedAt = now.toISOString();
    const claimed: ClaimedNotification[] = [];
    for (const row of rows) {
      const updated = await claimable(
        this.db('autonomy_notifications').where('key', row.key),
      ).update({
        claimed_at: claimedAt,
        attempts: this.db.raw('attempts + 1'),
      });
      if (updated)
        claimed.push({
          key: row.key,
          topic: row.topic,
          recipients: JSON.parse(row.recipients),
          payload: JSON.parse(row.payload),
          claimedAt,
        });
    }
    return claimed;
  }

  /** Marks a claimed notification sent; false when another replica took the claim over. */
  async markSent(claimed: ClaimedNotification, now: Date): Promise<boolean> {
    const updated = await this.db('autonomy_notifications')
      .where({ key: claimed.key, claimed_at: claimed.claimedAt })
      .whereNull('sent_at')
      .update({ sent_at: now.toISOString() });
    return updated > 0;
  }

  /** Gives a claim back after a failed send, so the next sweep tries again. */
  async release(claimed: ClaimedNotification): Promise<void> {
    await this.db('autonomy_notifications')
      .where({ key: claimed.key, claimed_at: claimed.claimedAt })
      .whereNull('sent_at')
      .update({ claimed_at: null });
  }

  /** The ledger entry of a key, for tests and diagnostics. */
  async get(key: string) {
    const row = await this.db('autonomy_notifications').where({ key }).first();
    return (
      row && {
        key: row.key as string,
        attempts: Number(row.attempts),
        sentAt: (row.sent_at as string | null) ?? undefined,
      }
    );
  }
}
