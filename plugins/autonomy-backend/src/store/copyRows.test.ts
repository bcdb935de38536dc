import { TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import { copyRows } from './copyRows';

// COPY is PostgreSQL's; SQLite inserts through insertRows' other path (see insertRows.test.ts).
const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

describe('copyRows on PostgreSQL', () => {
  let knex: Knex;

  beforeAll(async () => {
    knex = await databases.init('POSTGRES_15');
    await knex.schema.createTable('copied', table => {
      table.string('id').primary();
      table.text('note').nullable();
      table.integer('n').nullable();
      table.double('x').nullable();
      table.boolean('flag').nullable();
      table.specificType('tokens', 'text[]').nullable();
    });
  });

  beforeEach(async () => {
    await knex('copied').delete();
  });

  it('writes every kind of value as the database reads it back', async () => {
    const odd = 'tab\there, new\nline, cr\r, back\\slash \\N "q" {a,b} é 💥';
    const rows = [
      {
        id: 'a',
        note: odd,
        n: -3,
        x: 0.1,
        flag: true,
        tokens: ['owner:pass', 'run"book\\x:fail', 'a,b {c}'],
      },
      { id: 'b', note: '', n: 0, x: null, flag: false, tokens: [] },
      { id: 'c', note: null, n: null, x: 1e21, flag: null, tokens: null },
      {
        id: 'd',
        note: { nested: [odd] },
        n: 1,
        x: 2,
        flag: true,
        tokens: ['x', null],
      },
      {
        id: 'e',
        note: new Date('2026-11-27T03:00:00Z'),
        n: 2,
        x: 3,
        flag: false,
        tokens: ['\\N'],
      },
      // Unquoted where nothing needs quotes; quoted where a string reads as NULL, or is empty.
      {
        id: 'f',
        note: 'f',
        n: 3,
        x: 4,
        flag: true,
        tokens: ['c-1:fail', '*:ok'],
      },
      { id: 'g', note: 'g', n: 4, x: 5, flag: true, tokens: ['NULL', 'null'] },
      { id: 'h', note: 'h', n: 5, x: 6, flag: true, tokens: ['', 'x'] },
    ];
    expect(await copyRows(knex, 'copied', rows)).toBe(8);
    expect(await knex('copied').orderBy('id')).toEqual([
      rows[0],
      rows[1],
      rows[2],
      { ...rows[3], note: JSON.stringify({ nested: [odd] }) },
      { ...rows[4], note: '2026-11-27T03:00:00.000Z' },
      rows[5],
      rows[6],
      rows[7],
    ]);
  });

  it('refuses what has no text form, naming the column, writes nothing, and leaves the connection ready', async () => {
    // One connection, so the statement after a refusal goes where the refused COPY went: it must
    // find the COPY ended, not be queued behind it in `pg` (deprecated, refused from pg 9).
    const single: Knex = knexFactory({
      client: 'pg',
      connection: knex.client.config.connection,
      pool: { min: 1, max: 1 },
    });
    const ready = async () => {
      const connection = await single.client.acquireConnection();
      await single.client.releaseConnection(connection);
      return connection.readyForQuery;
    };
    try {
      const good = { id: 'a', note: 'fine', n: 1 };
      await expect(
        copyRows(single, 'copied', [good, { id: 'b', note: 'x', n: NaN }]),
      ).rejects.toThrow('Column n cannot take NaN');
      expect(await ready()).toBe(true);
      await expect(
        copyRows(single, 'copied', [{ id: 'c', note: Buffer.from('x'), n: 1 }]),
      ).rejects.toThrow('Column note cannot take this value');
      expect(await ready()).toBe(true);
      expect(await single('copied')).toEqual([]);
      await copyRows(single, 'copied', [good]);
      expect(await single('copied').select('id')).toEqual([{ id: 'a' }]);
    } finally {
      await single.destroy();
    }
  });

  it('fails whole on a duplicate key, as a unique violation, inside a transaction too', async () => {
    await copyRows(knex, 'copied', [{ id: 'a', n: 1 }]);
    await expect(
      copyRows(knex, 'copied', [
        { id: 'b', n: 2 },
        { id: 'a', n: 3 },
      ]),
    ).rejects.toMatchObject({ code: '23505' });
    await expect(
      knex.transaction(tx => copyRows(tx, 'copied', [{ id: 'a', n: 4 }])),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await knex('copied').select('id', 'n')).toEqual([{ id: 'a', n: 1 }]);
    // A transaction's rows go on its own connection and commit with it.
    await knex.transaction(async tx => {
      await copyRows(tx, 'copied', [{ id: 't', n: 5 }]);
      expect(await tx('copied').where({ id: 't' }).first('n')).toEqual({
        n: 5,
      });
    });
    expect(await knex('copied').orderBy('id').select('id')).toEqual([
      { id: 'a' },
      { id: 't' },
    ]);
  });
});
