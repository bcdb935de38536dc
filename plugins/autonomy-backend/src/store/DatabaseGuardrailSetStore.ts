import type { Knex } from 'knex';
import type { GuardrailHistoryPoint } from '@aligned-autonomy/plugin-autonomy-common';
import type { GuardrailSet } from '../domain/guardrails/guardrailSet';
import { fillDays } from '../domain/guardrails/history';

/** Sets kept besides the applied one: enough for a run under way and the one before. */
const KEEP = 10;

interface SetRow {
  fingerprint: string;
  definition: string;
  created_at: string;
  applied_at: string | null;
}

const parse = (row: SetRow | undefined) =>
  row && {
    fingerprint: row.fingerprint,
    set: JSON.parse(row.definition) as GuardrailSet,
  };

/**
 * The fingerprint of the last applied run's set, as a query: awaited alone or a scalar subquery
 * of another read (an entity's scorecard reads it with the entity's row).
 */
export const appliedFingerprintQuery = (db: Knex) =>
  db<SetRow>('autonomy_guardrail_sets')
    .whereNotNull('applied_at')
    .orderBy('applied_at', 'desc')
    .limit(1)
    .select('fingerprint');

/**
 * The effective guardrail sets full runs evaluated with, by fingerprint. The coordinator of a
 * run stores its set before it plans the shards, so every replica evaluates with the same one;
 * the run marks it applied in the transaction that applies its results (see
 * DatabaseGuardrailRunStore.applyRun), so readers on any replica see the set their results
 * came from.
 */
export class DatabaseGuardrailSetStore {
  constructor(private readonly db: Knex) {}

  /** Stores a set (again: then it is the newest); older unapplied sets beyond a few are dropped. */
  async save(fingerprint: string, set: GuardrailSet, at: Date) {
    await this.db('autonomy_guardrail_sets')
      .insert({
        fingerprint,
        definition: JSON.stringify(set),
        created_at: at.toISOString(),
      })
      .onConflict('fingerprint')
      .merge(['definition', 'created_at']);
    const kept = this.db('autonomy_guardrail_sets')
      .select('fingerprint')
      .orderBy('created_at', 'desc')
      .limit(KEEP);
    const applied = this.db('autonomy_guardrail_sets')
      .select('fingerprint')
      .whereNotNull('applied_at')
      .orderBy('applied_at', 'desc')
      .limit(1);
    // Subqueries wrapped in a select of their own: MySQL-style engines refuse LIMIT in IN.
    await this.db('autonomy_guardrail_sets')
      .whereNotIn(
        'fingerprint',
        this.db.select('fingerprint').from(kept.as('k')),
      )
      .whereNotIn(
        'fingerprint',
        this.db.select('fingerprint').from(applied.as('a')),
      )
      .delete();
  }

  async get(fingerprint: string) {
    return parse(
      await this.db<SetRow>('autonomy_guardrail_sets')
        .where({ fingerprint })
        .first(),
    )?.set;
  }

  /** The newest set built: what the next run carries last valid definitions over from. */
  async latest() {
    return parse(
      await this.db<SetRow>('autonomy_guardrail_sets')
        .orderBy('created_at', 'desc')
        .first(),
    );
  }

  /** Fingerprint of the set of the last applied run: one indexed row. */
  async appliedFingerprint(): Promise<string | undefined> {
    const [row] = await appliedFingerprintQuery(this.db);
    return row?.fingerprint;
  }

  /** The set of the last applied run, if any run applied one. */
  async applied() {
    return parse(
      await this.db<SetRow>('autonomy_guardrail_sets')
        .whereNotNull('applied_at')
        .orderBy('applied_at', 'desc')
        .first(),
    )?.set;
  }

  /**
   * A guardrail's results over owned entities, one point a day from `sinceDay` (or its first
   * day) through `untilDay`, oldest first. Stored as change points, carried forward here.
   */
  async history(
    guardrailId: string,
    sinceDay: string,
    untilDay: string,
  ): Promise<GuardrailHistoryPoint[]> {
    const before = this.db('autonomy_guardrail_history')
      .where({ guardrail_id: guardrailId })
      .andWhere('day', '<=', sinceDay)
      .orderBy('day', 'desc')
      .first();
    const within = this.db('autonomy_guardrail_history')
      .where({ guardrail_id: guardrailId })
      .andWhere('day', '>', sinceDay)
      .orderBy('day');
    const [first, rest] = await Promise.all([before, within]);
    const points = [...(first ? [first] : []), ...rest].map(r => ({
      day: r.day as string,
      total: Number(r.total),
      met: Number(r.met),
      metShare: Number(r.total) ? Number(r.met) / Number(r.total) : null,
    }));
    return fillDays(points, sinceDay, untilDay);
  }
}

/**
 * Inside the transaction that applies a run: marks its set applied and records each guardrail's
 * results of the day from the heat map just brought up to date.
 */
export async function recordAppliedSet(
  tx: Knex.Transaction,
  fingerprint: string | undefined,
  at: Date,
  day: string,
) {
  if (fingerprint)
    await tx('autonomy_guardrail_sets')
      .where({ fingerprint })
      .update({ applied_at: at.toISOString() });
  const rows: {
    guardrail_id: string;
    state: string;
    count: string | number;
  }[] = await tx('autonomy_heatmap')
    .select('guardrail_id', 'state')
    .sum({ count: 'count' })
    .groupBy('guardrail_id', 'state');
  const now = new Map<string, { total: number; met: number }>();
  for (const row of rows) {
    if (row.state === 'not-applicable') continue;
    const point = now.get(row.guardrail_id) ?? { total: 0, met: 0 };
    point.total += Number(row.count);
    if (row.state === 'pass' || row.state === 'exempt')
      point.met += Number(row.count);
    now.set(row.guardrail_id, point);
  }
  // Each guardrail's latest point: only a change is written, so an unchanged run writes none.
  const latest: { guardrail_id: string; total: number; met: number }[] =
    await tx('autonomy_guardrail_history as h')
      .whereRaw(
        'h.day = (SELECT MAX(l.day) FROM autonomy_guardrail_history l WHERE l.guardrail_id = h.guardrail_id)',
      )
      .select('h.guardrail_id', 'h.total', 'h.met');
  const before = new Map(latest.map(r => [r.guardrail_id, r]));
  const points = [...new Set([...now.keys(), ...before.keys()])]
    .map(guardrail_id => ({
      guardrail_id,
      day,
      ...(now.get(guardrail_id) ?? { total: 0, met: 0 }),
    }))
    .filter(p => {
      const last = before.get(p.guardrail_id);
      return (
        !last || Number(last.total) !== p.total || Number(last.met) !== p.met
      );
    });
  if (points.length)
    await tx('autonomy_guardrail_history')
      .insert(points)
      .onConflict(['guardrail_id', 'day'])
      .merge(['total', 'met']);
  // Marking the set applied is bookkeeping, like the run record: not counted.
  return points.length;
}
