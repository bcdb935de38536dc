import type { Knex } from 'knex';
import { whereAnyOf } from './analysisRuns';
import {
  pushedFacts,
  type FactValue,
  type PushedFacts,
} from '../domain/guardrails/facts';

/** The latest pushed facts per entity and source (history lives in the score history). */
export class DatabaseFactStore {
  constructor(private readonly db: Knex) {}

  /**
   * Stores a push as the source's current observation of the entity, unless an observation as new
   * or newer is stored (a late retry, say); returns whether it was stored. One conditional upsert,
   * so concurrent pushes cannot interleave between a read and a write: the newest always stays.
   */
  async upsert(
    entityRef: string,
    source: string,
    values: Record<string, FactValue>,
    observedAt: Date,
    receivedAt: Date,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      // ISO strings of one length and zone compare as the instants they name.
      const stored = await tx('autonomy_pushed_facts')
        .insert({
          entity_ref: entityRef,
          source,
          fact_values: JSON.stringify(values),
          observed_at: observedAt.toISOString(),
          received_at: receivedAt.toISOString(),
        })
        .onConflict(['entity_ref', 'source'])
        .merge()
        .where(
          'autonomy_pushed_facts.observed_at',
          '<',
          tx.ref('excluded.observed_at'),
        )
        .returning('observed_at');
      if (stored.length > 0) await raiseVersions(tx, [entityRef]);
      return stored.length > 0;
    });
  }

  /**
   * All pushed facts, or those of the given entities, or of the given sources only: entity ref →
   * source → facts.
   */
  async byEntity(
    entityRefs?: string | string[],
    onlySources?: string[],
  ): Promise<Map<string, Map<string, PushedFacts>>> {
    const q = this.db('autonomy_pushed_facts');
    if (entityRefs !== undefined)
      whereAnyOf(q, 'entity_ref', [entityRefs].flat());
    if (onlySources !== undefined) whereAnyOf(q, 'source', onlySources);
    const result = new Map<string, Map<string, PushedFacts>>();
    for (const row of await q) {
      const sources = result.get(row.entity_ref) ?? new Map();
      sources.set(
        row.source,
        pushedFacts(JSON.parse(row.fact_values), row.observed_at),
      );
      result.set(row.entity_ref, sources);
    }
    return result;
  }

  /**
   * Each entity's pushed-fact version: a counter every stored push raises (see
   * {@link raiseVersions}). Entities nothing was pushed for have none.
   */
  async versions(entityRefs: string[]): Promise<Map<string, string>> {
    const rows: { entity_ref: string; version: number | string }[] =
      await whereAnyOf(
        this.db('autonomy_fact_versions').select('entity_ref', 'version'),
        'entity_ref',
        entityRefs,
      );
    return new Map(rows.map(r => [r.entity_ref, String(r.version)]));
  }
}

/**
 * Raises the fact version of these entities, in the transaction that stored their facts: a run
 * compares versions to find the entities whose facts changed. Concurrent raises queue on the
 * row, so none is lost.
 */
export async function raiseVersions(
  tx: Knex.Transaction,
  entityRefs: string[],
) {
  if (!entityRefs.length) return;
  await tx('autonomy_fact_versions')
    .insert(entityRefs.map(entity_ref => ({ entity_ref, version: 1 })))
    .onConflict('entity_ref')
    .merge({ version: tx.raw('autonomy_fact_versions.version + 1') });
}
