import type { Knex } from 'knex';

/**
 * The tables a shard looks up by entity ref for each chunk of its entities: pushed facts and
 * their versions, exemptions, and the missions, dependencies and preview inputs a full run stored
 * before it planned the shards.
 */
export const LOOKED_UP_BY_REF = [
  'autonomy_pushed_facts',
  'autonomy_fact_versions',
  'autonomy_exemptions',
  'autonomy_entity_missions',
  'autonomy_dependencies',
  'autonomy_preview_inputs',
];

/**
 * PostgreSQL: analyzes those of `tables` whose rows changed by more than 1,000 and a tenth of the
 * table since their statistics were taken, as autovacuum would, but now rather than at its next
 * round (up to a minute later), and those in `rewritten`: a backend publishes the changes it
 * counted up to seconds after it made them, so the caller names what it has just rewritten. A shard reads the rows of a thousand entities at a time with
 * `= ANY(refs)`; on a table filled since it was last analyzed (facts pushed in bulk, the inputs a
 * first run has just stored) PostgreSQL planned that as a scan of the whole table. Measured on
 * the 2-core machine: 95 ms for one chunk's 5,000 of 435,600 pushed facts, 5.6 ms by the primary
 * key once analyzed, 87 chunks a first run. Returns the tables it analyzed; nothing on SQLite.
 */
export async function analyzeChangedTables(
  db: Knex,
  tables: string[],
  rewritten: string[] = [],
): Promise<string[]> {
  if (db.client.config.client !== 'pg') return [];
  const { rows } = await db.raw(
    `SELECT relid::regclass::text AS name FROM pg_stat_user_tables
     WHERE relid IN (SELECT to_regclass(t) FROM unnest(?::text[]) t)
     AND (n_mod_since_analyze > 1000 + 0.1 * n_live_tup
       OR relid IN (SELECT to_regclass(t) FROM unnest(?::text[]) t))
     ORDER BY relname`,
    [tables, rewritten],
  );
  const stale = (rows as { name: string }[]).map(r => r.name);
  // The names as regclass writes them: quoted and qualified as the search path needs.
  if (stale.length) await db.raw(`ANALYZE ${stale.join(', ')}`);
  return stale;
}
