import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { insertRows } from './analysisRuns';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'insertRows on %p',
  (id: TestDatabaseId) => {
    it('stores JSON text columns exactly as given, whatever they hold', async () => {
      const knex = await databases.init(id);
      await knex.schema.createTable('rows_under_test', table => {
        table.string('id').primary();
        table.text('doc').nullable();
        table.integer('n');
      });
      const docs = [
        { m: 'expected "production", but it is "retired"' },
        { m: 'back\\slash, new\nline, tab\t, é, 💥, \\u0041 as text' },
        [1, null, true, { nested: ['a', 'b'] }],
        // What PostgreSQL refuses as a JSON escape in text, had it been sent as a JSON value.
        { m: 'a NUL \u0000 from a fact provider, a lone \ud800 surrogate' },
      ].map(d => JSON.stringify(d));
      const rows = [
        ...docs.map((doc, i) => ({ id: `r${i}`, doc, n: i })),
        { id: 'null-doc', doc: null, n: 9 },
      ];
      await insertRows(knex, 'rows_under_test', rows);
      expect(await knex('rows_under_test').orderBy('id')).toEqual(
        [...rows].sort((a, b) => a.id.localeCompare(b.id)),
      );
      // Updating on a conflict keeps the text exact too (on PostgreSQL a JSON batch, not COPY),
      // and leaves the rows given as they were.
      const changed = [
        ...rows.map((row, i) => ({ ...row, n: 10 + i })),
        { id: 'r0', doc: JSON.stringify({ m: '"again"' }), n: 7 },
      ].slice(1);
      const given = changed.map(row => ({ ...row }));
      await insertRows(knex, 'rows_under_test', changed, ['id']);
      expect(changed).toStrictEqual(given);
      expect(await knex('rows_under_test').orderBy('id')).toEqual(
        [...changed].sort((a, b) => a.id.localeCompare(b.id)),
      );
    });
  },
);
