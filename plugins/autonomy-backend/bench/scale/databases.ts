import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import knexFactory, { type Knex } from 'knex';

/** How a child process reaches the bench database (plain JSON, passed in its environment). */
export type DatabaseTarget =
  | { client: 'pg'; connection: string }
  | { client: 'better-sqlite3'; filename: string };

export interface BenchDatabase {
  label: 'postgres' | 'sqlite';
  target: DatabaseTarget;
  /** `backend.database` for a Backstage backend whose autonomy plugin uses this database. */
  backendDatabaseConfig: object;
  /** PostgreSQL only: rows inserted, updated and deleted in autonomy_% tables so far. */
  rowsTouched?: () => Promise<number>;
  drop(): Promise<void>;
}

export function openKnex(target: DatabaseTarget): Knex {
  return target.client === 'pg'
    ? knexFactory({ client: 'pg', connection: target.connection })
    : knexFactory({
        client: 'better-sqlite3',
        connection: { filename: target.filename },
        useNullAsDefault: true,
      });
}

let created = 0;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * A fresh PostgreSQL database, named with a unique prefix that a backend's database manager also
 * uses for the other plugins' databases (`<prefix>autonomy` is ours); drop() removes them all.
 */
export async function createPostgres(base: string): Promise<BenchDatabase> {
  const server = base.replace(/\/$/, '');
  const prefix = `bscale_${Date.now()}_${process.pid}_${++created}_`;
  const name = `${prefix}autonomy`;
  const admin = knexFactory({ client: 'pg', connection: server });
  await admin.raw(`CREATE DATABASE ${name}`);
  const target: DatabaseTarget = {
    client: 'pg',
    connection: `${server}/${name}`,
  };
  // One connection, so clearing the statistics snapshot and reading it happen in one session.
  const stats = knexFactory({
    client: 'pg',
    connection: target.connection,
    pool: { min: 0, max: 1 },
  });
  return {
    label: 'postgres',
    target,
    backendDatabaseConfig: {
      client: 'pg',
      connection: server,
      prefix,
    },
    async rowsTouched() {
      await sleep(1500); // backends flush their statistics at most once a second
      await stats.raw('SELECT pg_stat_clear_snapshot()');
      const { rows } = await stats.raw(
        `SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint AS n
           FROM pg_stat_user_tables WHERE relname LIKE 'autonomy\\_%'`,
      );
      return Number(rows[0].n);
    },
    async drop() {
      await stats.destroy();
      const { rows } = await admin.raw(
        'SELECT datname FROM pg_database WHERE starts_with(datname, ?)',
        [prefix],
      );
      for (const { datname } of rows)
        await admin.raw(`DROP DATABASE "${datname}" WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

/** A SQLite file on disk in a temp directory, named as a backend's database manager names it. */
export function createSqlite(): BenchDatabase {
  const directory = mkdtempSync(join(tmpdir(), 'autonomy-scale-'));
  return {
    label: 'sqlite',
    target: {
      client: 'better-sqlite3',
      filename: join(directory, 'autonomy.sqlite'),
    },
    backendDatabaseConfig: {
      client: 'better-sqlite3',
      connection: { directory },
    },
    async drop() {
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
