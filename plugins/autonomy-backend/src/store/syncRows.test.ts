import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { syncRows } from './syncRows';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const keyed = (ref: string, extra: Record<string, unknown> = {}) => ({
  entity_ref: ref,
  title: `Title of ${ref}`,
  // A number-like text and a number: stored and read back as either type.
  version: '1.10',
  rank: 3,
  own: true,
  doc: JSON.stringify({ refs: [ref], note: 'a "quoted" word' }),
  ...extra,
});

describe.each(databases.eachSupportedId())(
  'syncRows on %p',
  (id: TestDatabaseId) => {
    let knex: Knex;
    const sync = (rows: Record<string, unknown>[], key?: string[]) =>
      knex.transaction(tx =>
        syncRows(tx, key ? 'keyed_rows' : 'content_rows', rows, { key }),
      );

    beforeAll(async () => {
      knex = await databases.init(id);
      await knex.schema.createTable('keyed_rows', table => {
        table.string('entity_ref').primary();
        table.string('title');
        table.string('version');
        table.bigInteger('rank');
        table.boolean('own');
        table.text('doc').nullable();
      });
      await knex.schema.createTable('content_rows', table => {
        table.increments('id');
        table.string('type');
        table.string('entity_ref');
      });
    });

    it('writes only what differs from the stored rows, matched by key', async () => {
      const first = ['a', 'b', 'c'].map(r => keyed(`component:default/${r}`));
      expect(await sync(first, ['entity_ref'])).toBe(3);
      // Read back as stored (booleans as 0/1 on SQLite, bigints as text on PostgreSQL): equal.
      expect(await sync(first, ['entity_ref'])).toBe(0);

      const changed = [
        keyed('component:default/a'),
        keyed('component:default/b', { title: 'Renamed', doc: null }),
        keyed('component:default/d', { own: false }),
      ];
      // b updated, c deleted, d inserted.
      expect(await sync(changed, ['entity_ref'])).toBe(3);
      const stored = await knex('keyed_rows').orderBy('entity_ref');
      expect(stored.map(r => [r.entity_ref, r.title, r.doc])).toEqual([
        ['component:default/a', 'Title of component:default/a', first[0].doc],
        ['component:default/b', 'Renamed', null],
        ['component:default/d', 'Title of component:default/d', changed[2].doc],
      ]);
      expect(Number(stored[0].rank)).toBe(3);
      expect(stored[0].version).toBe('1.10');
      expect(Boolean(stored[2].own)).toBe(false);
      expect(await sync(changed, ['entity_ref'])).toBe(0);
    });

    it('keeps equal rows of a content-keyed table as many times as given', async () => {
      const gap = { type: 'no-owner', entity_ref: 'component:default/x' };
      const other = { type: 'no-owner', entity_ref: 'component:default/y' };
      expect(await sync([gap, gap, other])).toBe(3);
      expect(await sync([gap, gap, other])).toBe(0);
      // One of the two equal rows goes, and only that one.
      expect(await sync([gap, other])).toBe(1);
      expect(
        await knex('content_rows').select('type', 'entity_ref').orderBy('id'),
      ).toHaveLength(2);
      expect(await sync([])).toBe(2);
      expect(await knex('content_rows')).toEqual([]);
    });
  },
);
