import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { BULK_ROWS, bulkLoadsInto, withIndexesBuiltAfter } from './bulkIndexes';

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
});

const indexesOf = async (knex: Knex, table: string) =>
  (
    await knex.raw(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ? ORDER BY indexname`,
      [table],
    )
  ).rows;

describe('bulk loads with indexes built after', () => {
  it.each(databases.eachSupportedId())(
    'only into an empty PostgreSQL table, and only for many rows, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('loaded', table => {
        table.string('id').primary();
      });
      const isPg = databaseId.startsWith('POSTGRES');
      await knex.transaction(async tx => {
        expect(await bulkLoadsInto(tx, 'loaded', BULK_ROWS)).toBe(isPg);
        expect(await bulkLoadsInto(tx, 'loaded', BULK_ROWS - 1)).toBe(false);
        await tx('loaded').insert({ id: 'a' });
        expect(await bulkLoadsInto(tx, 'loaded', BULK_ROWS)).toBe(false);
      });
    },
  );

  it('drops the secondary indexes for the write and builds each again as it was', async () => {
    const knex = await databases.init('POSTGRES_15');
    await knex.schema.createTable('scored', table => {
      table.string('id').primary();
      table.string('owner').nullable();
      table.double('score').nullable();
      table.specificType('tokens', 'text[]').nullable();
      table.unique(['owner', 'id'], { indexName: 'scored_owner_id_key' });
    });
    await knex.raw('CREATE INDEX scored_score_idx ON scored (score, id)');
    await knex.raw(
      'CREATE INDEX scored_tokens_idx ON scored USING gin (tokens)',
    );
    const before = await indexesOf(knex, 'scored');

    const seen = await knex.transaction(tx =>
      withIndexesBuiltAfter(tx, 'scored', async () => {
        await tx('scored').insert([
          { id: 'a', owner: 'team-a', score: 0.5, tokens: ['x:fail'] },
          { id: 'b', owner: 'team-b', score: 1, tokens: [] },
        ]);
        return (await indexesOf(tx as unknown as Knex, 'scored')).map(
          (i: { indexname: string }) => i.indexname,
        );
      }),
    );

    // During the write only the constraints' indexes were there; after it every one is back.
    expect(seen).toEqual(['scored_owner_id_key', 'scored_pkey']);
    expect(await indexesOf(knex, 'scored')).toEqual(before);
    expect(
      await knex('scored')
        .whereRaw('tokens @> ?', [['x:fail']])
        .pluck('id'),
    ).toEqual(['a']);
  });

  it('leaves the indexes as they were when the write fails', async () => {
    const knex = await databases.init('POSTGRES_15');
    await knex.schema.createTable('failing', table => {
      table.string('id').primary();
      table.double('score').nullable();
      table.index(['score'], 'failing_score_idx');
    });
    const before = await indexesOf(knex, 'failing');
    await expect(
      knex.transaction(tx =>
        withIndexesBuiltAfter(tx, 'failing', async () => {
          await tx('failing').insert([{ id: 'a' }, { id: 'a' }]);
        }),
      ),
    ).rejects.toThrow(/duplicate key/);
    expect(await indexesOf(knex, 'failing')).toEqual(before);
  });
});
