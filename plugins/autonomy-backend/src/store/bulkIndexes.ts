import type { Knex } from 'knex';

/** Fewer rows than this go in with their indexes kept: a rebuild costs more than it saves. */
export const BULK_ROWS = 10_000;

/**
 * PostgreSQL: whether an insert of `rows` rows into `table` goes faster with the table's secondary
 * indexes built after it ({@link withIndexesBuiltAfter}): only a table that is empty, as before
 * a first run, and that the database role owns (dropping an index takes that). Dropping an index
 * locks the table against readers until the transaction ends, which is harmless only where they
 * have nothing to read yet: ask before deleting anything in the same transaction.
 */
export async function bulkLoadsInto(
  tx: Knex.Transaction,
  table: string,
  rows: number,
) {
  if (tx.client.config.client !== 'pg' || rows < BULK_ROWS) return false;
  const { rows: found } = await tx.raw(
    `SELECT NOT EXISTS (SELECT 1 FROM ??)
       AND pg_has_role((SELECT relowner FROM pg_class WHERE oid = ?::regclass), 'USAGE') AS bulk`,
    [table, table],
  );
  return found[0].bulk === true;
}

/**
 * PostgreSQL: runs `write` with the table's secondary indexes dropped, then builds each again, in
 * the caller's transaction. Inserting a first run's 87,120 rows into the entity scores took 8.2 s
 * with its ten indexes kept up row by row, and 5.2 s as an insert (1.0 s) followed by the index
 * builds (the GIN index of state tokens 2.7 s of them), on the 2-core machine. The definitions are
 * read from the database, so an index a later migration adds is built again as it defined it.
 * Indexes behind a constraint (the primary key) stay: the insert relies on them.
 */
export async function withIndexesBuiltAfter<T>(
  tx: Knex.Transaction,
  table: string,
  write: () => Promise<T>,
): Promise<T> {
  const indexes: { name: string; definition: string }[] = (
    await tx.raw(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       WHERE i.indrelid = ?::regclass
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
      [table],
    )
  ).rows;
  // The name as regclass writes it: quoted and qualified as the search path needs.
  for (const { name } of indexes) await tx.raw(`DROP INDEX ${name}`);
  const result = await write();
  for (const { definition } of indexes) await tx.raw(definition);
  return result;
}
