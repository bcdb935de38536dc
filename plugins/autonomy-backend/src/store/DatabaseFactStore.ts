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
    // ISO strings of one length and zone compare as the instants they name.
    const stored = await this.db('autonomy_pushed_facts')
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
        this.db.ref('excluded.observed_at'),
      )
      .returning('observed_at');
    return stored.length > 0;
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
   * Each entity's pushed-fact version: its sources with when each was observed, in source order.
   * Only the stored timestamps are read, not the values: enough to tell whether anything was
   * pushed since (a push is stored only when it is newer).
   */
  async versions(entityRefs: string[]): Promise<Map<string, string>> {
    const versions = new Map<string, string>();
    if (this.db.client.config.client === 'pg') {
      // Joined by the database: one row per entity instead of one per entity and source.
      const rows = await whereAnyOf(
        this.db('autonomy_pushed_facts')
          .select(
            'entity_ref',
            this.db.raw(
              "string_agg(source || '@' || observed_at, ',' ORDER BY source) AS version",
            ),
          )
          .groupBy('entity_ref'),
        'entity_ref',
        entityRefs,
      );
      for (const row of rows) versions.set(row.entity_ref, row.version);
      return versions;
    }
    const rows = await whereAnyOf(
      this.db('autonomy_pushed_facts').select(
        'entity_ref',
        'source',
        'observed_at',
      ),
      'entity_ref',
      entityRefs,
    ).orderBy(['entity_ref', 'source']);
    for (const row of rows) {
      const version = `${row.source}@${row.observed_at}`;
      const before = versions.get(row.entity_ref);
      versions.set(row.entity_ref, before ? `${before},${version}` : version);
    }
    return versions;
  }
}
