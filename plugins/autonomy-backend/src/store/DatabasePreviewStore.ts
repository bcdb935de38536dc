import { createHash } from 'crypto';
import type { Knex } from 'knex';
import type { GuardrailState } from '@aligned-autonomy/plugin-autonomy-common';
import type { PreviewInput } from '../domain/guardrails/preview/previewInputs';
import { insertRows, whereAnyOf } from './analysisRuns';
import { hasArrays } from './scoreRows';

/** A row of `autonomy_preview_inputs`. */
interface PreviewInputRow {
  entity_ref: string;
  kind: string;
  owner_ref: string | null;
  /** JSON {@link PreviewInput} */
  inputs: string;
  content_hash: string;
}

/** What the latest analysis stored of an evaluated entity that a preview needs. */
export interface StoredOutcome {
  /** -1 below the lowest level. */
  levelIndex: number;
  /** States of the results that did not pass, by guardrail id. */
  notPassing: Map<string, GuardrailState>;
}

const DELETE_BATCH = 500;

/** The state tokens of an entity row (`<guardrail>:<state>`, see stateTokens) as a map. */
function notPassingOf(states: string[] | string | null) {
  const tokens = Array.isArray(states)
    ? states
    : (states ?? '').split('|').filter(Boolean);
  const notPassing = new Map<string, GuardrailState>();
  for (const token of tokens) {
    if (token.startsWith('*:')) continue;
    const colon = token.lastIndexOf(':');
    notPassing.set(
      token.slice(0, colon),
      token.slice(colon + 1) as GuardrailState,
    );
  }
  return notPassing;
}

/**
 * What a guardrail preview reads: the inputs every full run keeps per catalog entity, and the
 * level and states of the stored entity rows. Reads only, apart from the run's sync of inputs.
 */
export class DatabasePreviewStore {
  constructor(private readonly db: Knex) {}

  /**
   * Makes the table hold exactly these inputs, writing only rows whose content changed (by hash)
   * and deleting those of entities that left the catalog. Returns the rows written.
   */
  async replaceInputs(inputs: PreviewInput[]): Promise<number> {
    const stored = new Map<string, string>();
    for (const row of await this.db('autonomy_preview_inputs').select(
      'entity_ref',
      'content_hash',
    ))
      stored.set(row.entity_ref, row.content_hash);
    const changed: PreviewInputRow[] = [];
    for (const input of inputs) {
      const json = JSON.stringify(input);
      const hash = createHash('sha1').update(json).digest('base64');
      if (stored.get(input.ref) !== hash)
        changed.push({
          entity_ref: input.ref,
          kind: input.kind,
          owner_ref: input.ownerRef ?? null,
          inputs: json,
          content_hash: hash,
        });
      stored.delete(input.ref);
    }
    const removed = [...stored.keys()];
    return this.db.transaction(async tx => {
      for (let i = 0; i < removed.length; i += DELETE_BATCH)
        await tx('autonomy_preview_inputs')
          .whereIn('entity_ref', removed.slice(i, i + DELETE_BATCH))
          .delete();
      await insertRows(tx, 'autonomy_preview_inputs', changed as any[], [
        'entity_ref',
      ]);
      return changed.length + removed.length;
    });
  }

  /**
   * Rows of a query as one JSON array built by the database (PostgreSQL): a hundred thousand rows
   * cost the driver more to hand over one by one than to parse as one text.
   */
  private async asJsonArray(
    query: Knex.QueryBuilder,
    element: string,
    orderBy?: string,
  ): Promise<any[]> {
    const { sql, bindings } = query.toSQL();
    const order = orderBy ? ` ORDER BY ${orderBy}` : '';
    const { rows } = await this.db.raw(
      `SELECT coalesce(json_agg(${element}${order}), '[]')::text AS rows FROM (${sql}) AS q`,
      bindings,
    );
    return JSON.parse(rows[0].rows);
  }

  /** Stored inputs in entity-ref order: of every entity, or of entities of these (lower-case) kinds. */
  async readInputs(kinds?: string[]): Promise<PreviewInput[]> {
    const q = this.db('autonomy_preview_inputs').select('entity_ref', 'inputs');
    if (kinds) whereAnyOf(q, 'kind', kinds);
    if (hasArrays(this.db))
      return this.asJsonArray(q, 'q.inputs::json', 'q.entity_ref');
    return (await q.orderBy('entity_ref')).map(row => JSON.parse(row.inputs));
  }

  /** Level and non-passing states of every evaluated entity, or of those of these kinds. */
  async readOutcomes(kinds?: string[]): Promise<Map<string, StoredOutcome>> {
    const q = this.db('autonomy_entity_scores').select(
      'entity_ref',
      'level_rank',
      'states',
    );
    if (kinds) whereAnyOf(q, 'kind', kinds);
    const rows: [string, number, string[] | string | null][] = hasArrays(
      this.db,
    )
      ? await this.asJsonArray(
          q,
          'json_build_array(q.entity_ref, q.level_rank, q.states)',
        )
      : (await q).map(r => [r.entity_ref, r.level_rank, r.states]);
    const outcomes = new Map<string, StoredOutcome>();
    for (const [ref, levelRank, states] of rows)
      outcomes.set(ref, {
        levelIndex: Number(levelRank),
        notPassing: notPassingOf(states),
      });
    return outcomes;
  }
}
