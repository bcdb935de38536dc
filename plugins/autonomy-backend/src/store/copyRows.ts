import type { Knex } from 'knex';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';

/** Column names quoted for a statement's column list. */
export const columnList = (columns: string[]) =>
  columns.map(c => `"${c}"`).join(', ');

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
  const list = columnList(columns);
  const connection = await db.client.acquireConnection();
  try {
    await pipeline(
      Readable.from(copyText(rows, columns)),
      connection.query(copyFrom(`COPY "${table}" (${list}) FROM STDIN`)),
    );
  } catch (e) {
    await readyForQuery(connection);
    throw e;
  } finally {
    await db.client.releaseConnection(connection);
  }
  return rows.length;
}

/**
 * Resolves when a `pg` client has finished its query. A COPY refused half-way (a value with no
 * text form) fails as soon as the server has answered the client's CopyFail, before the server
 * says it is ready for the next query: a statement sent on the connection in between was queued
 * behind the COPY, which `pg` deprecates and will refuse from version 9.
 */
function readyForQuery(client: {
  readyForQuery?: boolean;
  connection?: { once(event: 'readyForQuery', listener: () => void): void };
}) {
  if (client.readyForQuery !== false || !client.connection)
    return Promise.resolve();
  // After the client's own listener, which marks it ready.
  return new Promise<void>(resolve =>
    client.connection!.once('readyForQuery', resolve),
  );
}

/** An upsert's conflict clause: a row whose `conflict` columns match takes every column given. */
export const onConflictUpdate = (columns: string[], conflict: string[]) =>
  `ON CONFLICT (${columnList(conflict)}) DO UPDATE SET ${columns
    .map(c => `"${c}" = EXCLUDED."${c}"`)
    .join(', ')}`;

/** What an upsert needs to know of a database, asked once per configuration (see upsertRows). */
interface UpsertSupport {
  /** The role may create temporary tables. */
  temp: boolean;
  /** The server keeps a column's compression method (PostgreSQL 14 and later). */
  compression: boolean;
}

const upsertSupport = new WeakMap<object, Promise<UpsertSupport>>();

function upsertSupportOf(db: Knex | Knex.Transaction) {
  const key = db.client.config;
  let support = upsertSupport.get(key);
  if (!support) {
    support = db
      .raw(
        `SELECT has_database_privilege(current_database(), 'TEMPORARY') AS temp,
           current_setting('server_version_num')::int >= 140000 AS compression`,
      )
      .then(r => ({
        temp: r.rows[0].temp === true,
        compression: r.rows[0].compression === true,
      }));
    // A failed question (the pool not ready, a dropped connection) is asked again next time.
    support.catch(() => upsertSupport.delete(key));
    upsertSupport.set(key, support);
  }
  return support;
}

/** Whether the database role may create temporary tables, asked once per configuration. */
export async function mayCreateTempTables(db: Knex | Knex.Transaction) {
  return (await upsertSupportOf(db)).temp;
}

/**
 * PostgreSQL only: inserts rows (all with the same columns), or updates the stored row whose
 * `conflict` columns match, through COPY: into a temporary table shaped like `table`, then one
 * `INSERT … ON CONFLICT` from it, in one transaction (the caller's, if given one). 5,000 staged
 * entity rows took 280–313 ms this way and 725–833 ms as a JSON batch through
 * `json_populate_recordset`, for the same Node time (measured apart on the 2-core machine):
 * PostgreSQL parsed 19 MB of JSON where it now splits lines. The temporary table lives as long as
 * the connection, is emptied after each use, and keeps the shape it was made with: a migration
 * runs before the plugin's stores are used. Needs the TEMPORARY privilege on the database
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
  const list = columnList(columns);
  const scratch = `${table}_in`;
  // Defaults, for a column the rows leave out; the compression method, which `INSERT … SELECT`
  // keeps: without it the table's lz4 results would go in compressed the server's default way.
  const { compression } = await upsertSupportOf(db);
  const like = `LIKE "${table}" INCLUDING DEFAULTS${
    compression ? ' INCLUDING COMPRESSION' : ''
  }`;
  const upsert = async (tx: Knex.Transaction) => {
    await tx.raw(
      `CREATE TEMPORARY TABLE IF NOT EXISTS "${scratch}" (${like}) ON COMMIT DELETE ROWS`,
    );
    await copyRows(tx, scratch, rows);
    await tx.raw(
      `INSERT INTO "${table}" (${list}) SELECT ${list} FROM pg_temp."${scratch}" ${onConflictUpdate(
        columns,
        conflict,
      )}`,
    );
  };
  if (db.isTransaction) {
    await upsert(db as Knex.Transaction);
    // Emptied now: the caller's transaction may upsert again before its commit empties it.
    await db.raw(`TRUNCATE pg_temp."${scratch}"`);
  } else await (db as Knex).transaction(upsert);
  return rows.length;
}
