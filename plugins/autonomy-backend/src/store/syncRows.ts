import { createHash } from 'crypto';
import type { Knex } from 'knex';
import {
  insertRows,
  lastRunOf,
  recordRun,
  runFingerprint,
  type AnalysisName,
} from './analysisRuns';

type Row = Record<string, unknown>;

const startsLikeNumber = (s: string) => {
  const c = s.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 45 || c === 46; // 0-9, '-', '.'
};

/**
 * A value as both databases give it back: booleans come back as 0/1 from SQLite and numbers as
 * strings from some PostgreSQL types. Only a string that starts like a number is parsed: parsing
 * every ref and title made comparing a 100,000-row table cost more than reading it.
 */
const normalise = (v: unknown) => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && startsLikeNumber(v)) {
    const n = Number(v);
    return Number.isNaN(n) ? v : n;
  }
  return v;
};
const sameValue = (a: unknown, b: unknown) =>
  a === b || normalise(a) === normalise(b);
const sameRow = (a: Row, b: Row, columns: string[]) =>
  columns.every(c => sameValue(a[c], b[c]));

/** How rows are matched: a single key column's value itself, else the columns' values as JSON. */
function keyFunction(columns: string[]): (r: Row) => unknown {
  if (columns.length === 1) {
    const [column] = columns;
    return r => normalise(r[column]);
  }
  return r => JSON.stringify(columns.map(c => normalise(r[c])));
}

/**
 * Makes a table hold exactly `rows`, writing only the differences: an analysis that found what it
 * found last time writes nothing. With `key`, rows are matched by those columns and updated in
 * place; without, by their whole content (tables whose rows have only a generated `id`).
 * Returns the number of rows inserted, updated and deleted. Runs inside the caller's transaction.
 */
export async function syncRows(
  tx: Knex.Transaction,
  table: string,
  rows: Row[],
  options: {
    key?: string[];
    idColumn?: string;
    /** Restricts the rows to make equal to `rows` (the others are left alone). */
    scope?: (query: Knex.QueryBuilder) => void;
  } = {},
): Promise<number> {
  const idColumn = options.idColumn ?? 'id';
  const query = tx(table).select();
  options.scope?.(query);
  const existing: Row[] = await query;
  const columns = rows.length ? Object.keys(rows[0]) : [];
  const keyOf = keyFunction(options.key ?? columns);

  // Existing rows by key; content-keyed tables may hold equal rows more than once.
  const stored = new Map<unknown, Row[]>();
  for (const row of existing) {
    const key = keyOf(row);
    const list = stored.get(key);
    if (list) list.push(row);
    else stored.set(key, [row]);
  }
  const inserts: Row[] = [];
  let written = 0;
  for (const row of rows) {
    const key = keyOf(row);
    const matches = stored.get(key);
    const match = matches?.shift();
    if (!matches?.length) stored.delete(key);
    if (!match) {
      inserts.push(row);
    } else if (options.key && !sameRow(match, row, columns)) {
      await tx(table)
        .where(Object.fromEntries(options.key.map(k => [k, match[k]])))
        .update(row);
      written++;
    }
  }
  const removed = [...stored.values()].flat();
  if (options.key?.length === 1) {
    const [k] = options.key;
    const keys = removed.map(r => r[k] as string);
    for (let i = 0; i < keys.length; i += 500)
      await tx(table)
        .whereIn(k, keys.slice(i, i + 500))
        .delete();
  } else if (options.key) {
    for (const row of removed) {
      await tx(table)
        .where(Object.fromEntries(options.key.map(k => [k, row[k]])))
        .delete();
    }
  } else {
    const ids = removed.map(r => r[idColumn] as number);
    for (let i = 0; i < ids.length; i += 500)
      await tx(table)
        .whereIn(idColumn, ids.slice(i, i + 500))
        .delete();
  }
  await insertRows(tx, table, inserts);
  return written + removed.length + inserts.length;
}

/** A table of an analysis with the rows it should hold (see syncRows for `key`). */
export interface AnalysisTable {
  table: string;
  rows: Row[];
  key?: string[];
}

/**
 * A hash of the rows of an analysis's tables, table by table in order: SHA-1 in base64, whose
 * length recordUnchangedRuns relies on (ROWS_HASH_LENGTH).
 */
export function rowsFingerprint(tables: AnalysisTable[]): string {
  const hash = createHash('sha1');
  for (const { table, rows, key } of tables) {
    hash.update(`${table} ${key?.join(',') ?? ''}\n`);
    for (const row of rows) hash.update(`${JSON.stringify(row)}\n`);
  }
  return hash.digest('base64');
}

/**
 * Makes an analysis's tables hold exactly these rows and records its run, inside the caller's
 * transaction; returns the rows written, the run's included. The rows' hash is recorded with the
 * run, and with the run's time: when both equal the last run's, the tables hold these rows
 * already and are not read at all. A catalog change that moves no mission or boundary (an
 * annotation, a tag) then costs no read of the 100,000 rows of the mission analysis, which took
 * about a second on 2 cores. Anything else that records a run of the analysis moves its time
 * without the hash (an older release during a rolling upgrade, say), so the next run compares
 * every row again.
 */
export async function syncAnalysis(
  tx: Knex.Transaction,
  name: AnalysisName,
  tables: AnalysisTable[],
  run: { evaluatedAt: Date; entityCount: number },
): Promise<number> {
  const hash = rowsFingerprint(tables);
  const last = await lastRunOf(tx, name);
  let written = 1;
  if (!last || last.fingerprint !== runFingerprint(hash, last.evaluatedAt))
    for (const { table, rows, key } of tables)
      written += await syncRows(tx, table, rows, { key });
  const at = run.evaluatedAt;
  await recordRun(
    tx,
    name,
    at,
    run.entityCount,
    runFingerprint(hash, at.toISOString()),
  );
  return written;
}
