import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { analyzeChangedTables } from './staleStatistics';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
});

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** PostgreSQL counts changes per backend and publishes them within seconds: waits for them. */
async function changesCounted(knex: Knex, table: string, rows: number) {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    const { rows: found } = await knex.raw(
      'SELECT n_mod_since_analyze AS n FROM pg_stat_user_tables WHERE relname = ?',
      [table],
    );
    if (Number(found[0]?.n ?? 0) >= rows) return;
    await sleep(250);
  }
  throw new Error(`PostgreSQL did not count ${rows} changes to ${table}`);
}

const lastAnalyzed = async (knex: Knex, table: string) =>
  (
    await knex.raw(
      'SELECT last_analyze FROM pg_stat_user_tables WHERE relname = ?',
      [table],
    )
  ).rows[0].last_analyze;

describe('analyzeChangedTables', () => {
  it('analyzes a PostgreSQL table filled since its statistics were taken, and only such', async () => {
    const knex = await databases.init('POSTGRES_15');
    for (const table of ['filled', 'touched']) {
      await knex.schema.createTable(table, t => {
        t.string('ref').primary();
        t.text('facts');
      });
      // Autovacuum must not analyze them first.
      await knex.raw('ALTER TABLE ?? SET (autovacuum_enabled = false)', [
        table,
      ]);
    }
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ ref: `e${i}`, facts: '{}' }));
    for (let i = 0; i < 5000; i += 1000)
      await knex('filled').insert(rows(5000).slice(i, i + 1000));
    await knex('touched').insert(rows(500));
    await changesCounted(knex, 'filled', 5000);
    await changesCounted(knex, 'touched', 500);

    expect(
      await analyzeChangedTables(knex, ['filled', 'touched', 'not_there']),
    ).toEqual(['filled']);
    expect(await lastAnalyzed(knex, 'filled')).not.toBeNull();
    expect(await lastAnalyzed(knex, 'touched')).toBeNull();
    // Analyzed, the table is not analyzed again until it changes as much again, unless the
    // caller says it has just rewritten it.
    expect(await analyzeChangedTables(knex, ['filled'])).toEqual([]);
    expect(
      await analyzeChangedTables(knex, ['filled', 'touched'], ['touched']),
    ).toEqual(['touched']);
    expect(await lastAnalyzed(knex, 'touched')).not.toBeNull();
  });

  it('does nothing on SQLite', async () => {
    const knex = await databases.init('SQLITE_3');
    await knex.schema.createTable('filled', t => t.string('ref').primary());
    await knex('filled').insert(
      Array.from({ length: 400 }, (_, i) => ({ ref: `e${i}` })),
    );
    expect(await analyzeChangedTables(knex, ['filled'])).toEqual([]);
  });
});
