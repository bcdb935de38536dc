import type { Knex } from 'knex';
import type { LevelChange } from '../domain/notifications/levelDrops';
import type { FailingCell } from '../domain/notifications/guardrailFailing';

/** What a write of guardrail results changed, as the notifications need it. */
export interface ResultChanges {
  /** Entities whose stored level changed (up or down). */
  levelChanges: LevelChange[];
  /** Heat-map cells in state `fail` before and after the write (of the owners it touched). */
  failingBefore: FailingCell[];
  failingAfter: FailingCell[];
}

/**
 * Called inside the transaction that writes the results, so what it records (the notifications
 * ledger) commits or rolls back with them: a change is never lost to a crash after the commit.
 */
export type ResultChangeListener = (
  tx: Knex.Transaction,
  changes: ResultChanges,
) => Promise<void>;

interface LevelRow {
  entity_ref: string;
  title: string;
  owner_ref: string | null;
  level: string | null;
  level_rank: number | string;
}

/** The level change between a stored row and the one replacing it, if any. */
export function levelChangeOf(
  old: LevelRow | undefined,
  next: LevelRow | undefined,
): LevelChange | undefined {
  if (!old || !next || Number(old.level_rank) === Number(next.level_rank))
    return undefined;
  return {
    entityRef: next.entity_ref,
    title: next.title,
    ownerRef: next.owner_ref ?? undefined,
    fromLevel: old.level ?? undefined,
    fromRank: Number(old.level_rank),
    toLevel: next.level ?? undefined,
    toRank: Number(next.level_rank),
  };
}

/**
 * Level changes of a run's staged rows against the stored rows they replace (rows written after
 * the run started stay, so they are not compared). Read in SQL: only changed levels come back.
 */
export async function stagedLevelChanges(
  tx: Knex.Transaction,
  runId: string,
  startedAt: string,
): Promise<LevelChange[]> {
  const rows = await tx('autonomy_staged_scores as s')
    .join('autonomy_entity_scores as e', 'e.entity_ref', 's.entity_ref')
    .where('s.run_id', runId)
    .andWhere('s.removed', false)
    .andWhere('e.evaluated_at', '<=', startedAt)
    .andWhereRaw('s.level_rank <> e.level_rank')
    .select(
      's.entity_ref',
      's.title',
      's.owner_ref',
      's.level',
      's.level_rank',
      'e.level as old_level',
      'e.level_rank as old_rank',
    );
  return rows.map(
    r =>
      levelChangeOf({ ...r, level: r.old_level, level_rank: r.old_rank }, r)!,
  );
}

/** Heat-map cells in state `fail`: of these owners, or of all. */
export async function failingCells(
  tx: Knex.Transaction,
  ownerRefs?: string[],
): Promise<FailingCell[]> {
  const query = tx('autonomy_heatmap')
    .where('state', 'fail')
    .andWhere('count', '>', 0);
  if (ownerRefs) query.whereIn('owner_ref', ownerRefs);
  const rows = await query.select('owner_ref', 'guardrail_id');
  return rows.map(r => ({
    ownerRef: r.owner_ref,
    guardrailId: r.guardrail_id,
  }));
}
