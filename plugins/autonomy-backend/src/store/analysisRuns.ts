import type { Knex } from 'knex';
import {
  columnList,
  copyRows,
  mayCreateTempTables,
  onConflictUpdate,
  upsertRows,
} from './copyRows';

/**
 * Rows per INSERT. Fewer, larger statements are what makes a full run fast. knex writes SQLite
 * multi-row inserts as UNION ALL selects, capped at 500 terms; PostgreSQL takes up to 65,535 bound
 * parameters, so 2,000 rows of the widest table (18 columns) fit.
 */
export const batchSize = (db: Knex) =>
  db.client.config.client === 'pg' ? 2000 : 400;

/** The analyses whose completion is recorded; every view shows when its data was evaluated. */
export type AnalysisName = 'missions' | 'guardrails' | 'boundaries';

/**
 * Records, inside the run's transaction, that an analysis completed; `fingerprint` is what it
 * keeps of the rows it stored (see syncAnalysis), none when it keeps nothing.
 */
export async function recordRun(
  tx: Knex.Transaction,
  name: AnalysisName,
  evaluatedAt: Date,
  entityCount: number,
  fingerprint?: string,
) {
  await tx('autonomy_analysis_runs')
    .insert({
      name,
      evaluated_at: evaluatedAt.toISOString(),
      entity_count: entityCount,
      fingerprint: fingerprint ?? null,
    })
    .onConflict('name')
    .merge();
}

/** An analysis's last run: when it completed and the fingerprint recorded with it. */
export async function lastRunOf(
  db: Knex | Knex.Transaction,
  name: AnalysisName,
): Promise<{ evaluatedAt: string; fingerprint?: string } | undefined> {
  const row = await db('autonomy_analysis_runs')
    .where({ name })
    .first('evaluated_at', 'fingerprint');
  return (
    row && {
      evaluatedAt: row.evaluated_at,
      fingerprint: row.fingerprint ?? undefined,
    }
  );
}

/** The time of the last complete run of an analysis, as a subquery of a larger read. */
export const lastRunQuery = (db: Knex, name: AnalysisName) =>
  db('autonomy_analysis_runs').select('evaluated_at').where({ name });

/** When an analysis last completed (ISO timestamp), if it ever did. */
export async function lastRun(
  db: Knex,
  name: AnalysisName,
): Promise<string | undefined> {
  return (await lastRunOf(db, name))?.evaluatedAt;
}

/** The fingerprint of the catalog the stored analyses were made from (see catalogFingerprint.ts). */
export async function catalogFingerprintOf(db: Knex) {
  const row = await db('autonomy_analysis_runs')
    .where({ name: 'catalog' })
    .first('fingerprint');
  return (row?.fingerprint as string | null) ?? undefined;
}

/**
 * Records the catalog's fingerprint once its analyses are stored; cleared (undefined) before a
 * run starts rewriting them, so a run that stops half-way is not taken for a complete one.
 */
export async function recordCatalogFingerprint(
  db: Knex,
  fingerprint: string | undefined,
  at: Date,
  entityCount: number,
) {
  await db('autonomy_analysis_runs')
    .insert({
      name: 'catalog',
      evaluated_at: at.toISOString(),
      entity_count: entityCount,
      fingerprint: fingerprint ?? null,
    })
    .onConflict('name')
    .merge();
}

/** Length of a rows hash (SHA-1 in base64, see rowsFingerprint) in a run's fingerprint. */
const ROWS_HASH_LENGTH = 28;

/**
 * A run's fingerprint: the hash of the rows it stored and the time it completed, so that a run
 * recorded without it (which moves the time) no longer matches. recordUnchangedRuns reads it back.
 */
export const runFingerprint = (rowsHash: string, evaluatedAt: string) =>
  `${rowsHash} ${evaluatedAt}`;

/**
 * Marks analyses as completed again at `at` when they found what they found last time. A rows
 * fingerprint names the completion time it was recorded with (see syncAnalysis): it moves with
 * it, and one that no longer matches its time is cleared.
 */
export async function recordUnchangedRuns(
  db: Knex,
  names: AnalysisName[],
  at: Date,
) {
  const time = at.toISOString();
  // The right-hand sides read the row as it was before this update, on both databases.
  await db('autonomy_analysis_runs')
    .whereIn('name', names)
    .update({
      fingerprint: db.raw(
        `CASE WHEN fingerprint = substr(fingerprint, 1, ?) || ' ' || evaluated_at
           THEN substr(fingerprint, 1, ?) || ' ' || ? ELSE NULL END`,
        [ROWS_HASH_LENGTH, ROWS_HASH_LENGTH, time],
      ),
      evaluated_at: time,
    });
}

/**
 * Restricts a query to rows whose `column` is one of `values`. On PostgreSQL the values go as one
 * array parameter (`= ANY(?)`): an IN list of a thousand bound parameters costs more to send and
 * plan than the lookup itself.
 */
export function whereAnyOf(
  query: Knex.QueryBuilder,
  column: string,
  values: string[],
) {
  if (query.client.config.client === 'pg')
    return query.whereRaw(`?? = ANY(?::text[])`, [column, values]);
  return query.whereIn(column, values);
}

/**
 * Inserts rows (all with the same columns), or on a conflict over `conflict` updates them. On
 * PostgreSQL the rows go by COPY (copyRows.ts), those that may conflict through a temporary
 * table (upsertRows); where the role may not create one, they travel as one JSON parameter per
 * batch that the database expands (binding every value of thousands of rows made large writes
 * spend more time binding than writing).
 */
export async function insertRows(
  db: Knex | Knex.Transaction,
  table: string,
  rows: readonly object[],
  conflict?: string[],
) {
  if (!rows.length) return 0;
  const records = rows as readonly Record<string, unknown>[];
  if (db.client.config.client === 'pg') {
    if (!conflict) return copyRows(db, table, records);
    if (await mayCreateTempTables(db))
      return upsertRows(db, table, records, conflict);
    const columns = Object.keys(rows[0]);
    const list = columnList(columns);
    const onConflict = onConflictUpdate(columns, conflict);
    for (let i = 0; i < rows.length; i += 1000) {
      await db.raw(
        `INSERT INTO ?? (${list}) SELECT ${list} FROM json_populate_recordset(NULL::??, ?::json) ${onConflict}`,
        [table, table, JSON.stringify(records.slice(i, i + 1000))],
      );
    }
    return rows.length;
  }
  const batch = batchSize(db as Knex);
  for (let i = 0; i < rows.length; i += batch) {
    const insert = db(table).insert(rows.slice(i, i + batch));
    await (conflict ? insert.onConflict(conflict).merge() : insert);
  }
  return rows.length;
}
