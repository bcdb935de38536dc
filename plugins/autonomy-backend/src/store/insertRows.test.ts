import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { insertRows } from './analysisRuns';
import { mayCreateTempTables } from './copyRows';
import { asLimitedRole } from '../testUtils/limitedRole';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const postgres = TestDatabases.create({ ids: ['POSTGRES_15'] });

/** Inserts odd texts, then upserts over them, checking the stored rows after each. */
async function insertsAndUpsertsExactly(knex: Knex) {
  await knex.schema.createTable('rows_under_test', table => {
    table.string('id').primary();
    table.text('doc').nullable();
    table.integer('n');
    table.boolean('flag');
  });
  const docs = [
    { m: 'expected "production", but it is "retired"' },
    { m: 'back\\slash, new\nline, tab\t, é, 💥, \\u0041 as text' },
    [1, null, true, { nested: ['a', 'b'] }],
    // What PostgreSQL refuses as a JSON escape in text, had it been sent as a JSON value.
    { m: 'a NUL \u0000 from a fact provider, a lone \ud800 surrogate' },
  ].map(d => JSON.stringify(d));
  const rows = [
    ...docs.map((doc, i) => ({ id: `r${i}`, doc, n: i, flag: i % 2 === 0 })),
    { id: 'null-doc', doc: null, n: 9, flag: false },
  ];
  const read = async () =>
    (await knex('rows_under_test').orderBy('id')).map(r => ({
      ...r,
      flag: Boolean(r.flag),
    }));
  const sorted = (list: typeof rows) =>
    [...list].sort((a, b) => a.id.localeCompare(b.id));
  await insertRows(knex, 'rows_under_test', rows);
  expect(await read()).toEqual(sorted(rows));
  // Updating on a conflict keeps the text exact too, and leaves the rows given as they were;
  // twice in one transaction, as a run's writes are.
  const changed = [
    ...rows.map((row, i) => ({ ...row, n: 10 + i })),
    { id: 'r0', doc: JSON.stringify({ m: '"again"' }), n: 7, flag: true },
  ].slice(1);
  const given = changed.map(row => ({ ...row }));
  await knex.transaction(async tx => {
    await insertRows(tx, 'rows_under_test', changed.slice(0, 2), ['id']);
    // The same row again in the same transaction: nothing of the first batch is written twice.
    await insertRows(
      tx,
      'rows_under_test',
      [...changed.slice(2), { ...changed[0], n: 70 }],
      ['id'],
    );
  });
  expect(changed).toStrictEqual(given);
  changed[0].n = 70;
  expect(await read()).toEqual(sorted(changed));
  // Outside a transaction as well.
  const again = changed.map(row => ({ ...row, n: row.n + 100 }));
  await insertRows(knex, 'rows_under_test', again, ['id']);
  expect(await read()).toEqual(sorted(again));
}

describe.each(databases.eachSupportedId())(
  'insertRows on %p',
  (id: TestDatabaseId) => {
    it('stores texts exactly as given, whatever they hold, and updates them on a conflict', async () => {
      const knex = await databases.init(id);
      // On PostgreSQL an upsert goes through a temporary table (see the role without one below).
      const isPg = knex.client.config.client === 'pg';
      expect(isPg && (await mayCreateTempTables(knex))).toBe(isPg);
      await insertsAndUpsertsExactly(knex);
    });
  },
);

describe.each(postgres.eachSupportedId())(
  'insertRows on %p, for a role that may not create temporary tables',
  (id: TestDatabaseId) => {
    it('updates on a conflict all the same, through a JSON batch', async () => {
      const knex = await postgres.init(id);
      const { rows } = await knex.raw('SELECT current_database() AS db');
      await asLimitedRole(
        knex,
        () =>
          knex.raw(`REVOKE TEMPORARY ON DATABASE "${rows[0].db}" FROM PUBLIC`),
        async limited => {
          expect(await mayCreateTempTables(limited)).toBe(false);
          await insertsAndUpsertsExactly(limited);
        },
      );
    });
  },
);
