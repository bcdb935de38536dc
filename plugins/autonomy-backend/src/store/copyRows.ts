import type { Knex } from 'knex';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';

/** What COPY's text format escapes in a value: its own separators and escape character. */
const COPY_SPECIAL = /[\\\n\r\t]/g;
const COPY_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};
const ARRAY_SPECIAL = /[\\"]/g;
/** What makes an element of an array literal need quotes: its syntax, spaces, a backslash. */
const ARRAY_QUOTED = /[{}",\\\s]/;

/** An element of a PostgreSQL array literal: a string, always quoted, or NULL. */
function arrayElement(element: unknown, column: string) {
  if (element === null || element === undefined) return 'NULL';
  if (typeof element !== 'string')
    throw new TypeError(`Column ${column} takes an array of strings`);
  return `"${element.replace(ARRAY_SPECIAL, '\\$&')}"`;
}

/**
 * A PostgreSQL array literal of strings (or nulls), as `text[]` reads it. Strings without
 * anything the syntax gives a meaning to go unquoted, as the database writes them (a row's state
 * tokens are about forty such strings): quoting and escaping each cost a regular expression
 * per element.
 */
function textArrayLiteral(values: readonly unknown[], column: string) {
  const plain =
    values.length > 0 &&
    values.every(
      v =>
        typeof v === 'string' &&
        v !== '' &&
        !ARRAY_QUOTED.test(v) &&
        !(v.length === 4 && v.toUpperCase() === 'NULL'),
    );
  if (plain) return `{${values.join(',')}}`;
  return `{${values.map(e => arrayElement(e, column)).join(',')}}`;
}

/**
 * One value in COPY's text format: `\N` for null, arrays as array literals, objects as their JSON
 * (as a JSON batch stores them). A lone surrogate in a string is written as U+FFFD, as Node
 * encodes it. What has no text form here (a number that is not finite, a Buffer) is refused.
 */
function copyValue(value: unknown, column: string): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new TypeError(`Column ${column} cannot take ${value}`);
    return String(value);
  }
  if (typeof value === 'string') text = value;
  else if (typeof value === 'bigint') return String(value);
  else if (value instanceof Date) return value.toISOString();
  else if (Array.isArray(value)) text = textArrayLiteral(value, column);
  else if (Object.getPrototypeOf(value) === Object.prototype)
    text = JSON.stringify(value);
  else throw new TypeError(`Column ${column} cannot take this value`);
  return text.replace(COPY_SPECIAL, c => COPY_ESCAPES[c]);
}

/** Rows per chunk of the stream: a chunk is one string, a few hundred kilobytes. */
const CHUNK_ROWS = 200;

function* copyText(
  rows: readonly Record<string, unknown>[],
  columns: string[],
) {
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    let chunk = '';
    for (const row of rows.slice(i, i + CHUNK_ROWS))
      chunk += `${columns.map(c => copyValue(row[c], c)).join('\t')}\n`;
    yield chunk;
  }
}

/**
 * PostgreSQL only: inserts rows (all with the same columns) with `COPY … FROM STDIN`. The database
 * reads COPY's lines several times faster than it expands a JSON batch: 20,000 staged entity rows
 * took 1.4–1.8 s this way and 4.0–4.3 s through `json_populate_recordset` (measured apart on the
 * 2-core machine), most of it parsing the JSON of each row's results and the array of its states.
 * COPY has no `ON CONFLICT`: a duplicate key fails the whole statement, which then inserts nothing
 * (on a transaction, the failure also aborts the transaction). Used for rows that cannot conflict.
 */
export async function copyRows(
  db: Knex | Knex.Transaction,
  table: string,
  rows: readonly Record<string, unknown>[],
) {
  if (!rows.length) return 0;
  const columns = Object.keys(rows[0]);
  const list = columns.map(c => `"${c}"`).join(', ');
  const connection = await db.client.acquireConnection();
  try {
    await pipeline(
      Readable.from(copyText(rows, columns)),
      connection.query(copyFrom(`COPY "${table}" (${list}) FROM STDIN`)),
    );
  } finally {
    await db.client.releaseConnection(connection);
  }
  return rows.length;
}

/** An upsert's conflict clause: a row whose `conflict` columns match takes every column given. */
export const onConflictUpdate = (columns: string[], conflict: string[]) =>
  `ON CONFLICT (${conflict
    .map(c => `"${c}"`)
    .join(', ')}) DO UPDATE SET ${columns
    .map(c => `"${c}" = EXCLUDED."${c}"`)
    .join(', ')}`;

/** Per database configuration: whether its role may create temporary tables (see upsertRows). */
const tempAllowed = new WeakMap<object, Promise<boolean>>();

/** Whether the database role may create temporary tables, asked once per configuration. */
export function mayCreateTempTables(db: Knex | Knex.Transaction) {
  const key = db.client.config;
  let allowed = tempAllowed.get(key);
  if (!allowed) {
    allowed = db
      .raw(
        `SELECT has_database_privilege(current_database(), 'TEMPORARY') AS ok`,
      )
      .then(r => r.rows[0].ok === true);
    tempAllowed.set(key, allowed);
  }
  return allowed;
}

/**
 * PostgreSQL only: inserts rows (all with the same columns), or updates the stored row whose
 * `conflict` columns match, through COPY: into a temporary table shaped like `table`, then one
 * `INSERT … ON CONFLICT` from it, in one transaction (the caller's, if given one). 5,000 staged
 * entity rows took 280–313 ms this way and 725–833 ms as a JSON batch through
 * `json_populate_recordset`, for the same Node time (measured apart on the 2-core machine):
 * PostgreSQL parsed 19 MB of JSON where it now splits lines. The temporary table lives as long as
 * the connection and is emptied after each use. Needs the TEMPORARY privilege on the database
 * ({@link mayCreateTempTables}), which PostgreSQL grants every role unless revoked.
 */
export async function upsertRows(
  db: Knex | Knex.Transaction,
  table: string,
  rows: readonly Record<string, unknown>[],
  conflict: string[],
) {
  if (!rows.length) return 0;
  const columns = Object.keys(rows[0]);
  const list = columns.map(c => `"${c}"`).join(', ');
  const scratch = `${table}_in`;
  const upsert = async (tx: Knex.Transaction) => {
    await tx.raw(
      `CREATE TEMPORARY TABLE IF NOT EXISTS "${scratch}" (LIKE "${table}") ON COMMIT DELETE ROWS`,
    );
    await copyRows(tx, scratch, rows);
    await tx.raw(
      `INSERT INTO "${table}" (${list}) SELECT ${list} FROM pg_temp."${scratch}" ${onConflictUpdate(
        columns,
        conflict,
      )}`,
    );
    // A caller's transaction may upsert again before it commits.
    await tx.raw(`TRUNCATE pg_temp."${scratch}"`);
  };
  if (db.isTransaction) await upsert(db as Knex.Transaction);
  else await (db as Knex).transaction(upsert);
  return rows.length;
}
