import type { Knex } from 'knex';
import {
  NotPassingStates,
  type StoredStates,
} from '../domain/guardrails/preview/notPassingStates';
import type { PreviewInput } from '../domain/guardrails/preview/previewInputs';
import { insertRows, whereAnyOf } from './analysisRuns';
import { hasArrays } from './scoreRows';
import { sha1Base64 } from './sha1';

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
  notPassing: StoredStates;
}

const DELETE_BATCH = 500;
const WRITE_CHUNK = 5000;

/** The hash of an entity's preview input, from its JSON (a run hashes every entity's). */
export const previewInputHash = (json: string) => sha1Base64(json);

/**
 * The row of `autonomy_analysis_runs` that names the stored inputs' version: rewritten whenever a
 * run changes any input, so a replica may keep the parsed inputs until it changes.
 */
const INPUTS_VERSION = 'preview-inputs';

/**
 * What a guardrail preview reads: the inputs every full run keeps per catalog entity, and the
 * level and states of the stored entity rows. Reads only, apart from the run's sync of inputs.
 */
export class DatabasePreviewStore {
  constructor(private readonly db: Knex) {}

  /**
   * Makes the table hold exactly these inputs, writing only rows whose content changed (by hash)
   * and deleting those of entities that left the catalog. Returns the rows written and each
   * entity's input hash (a run compares them to skip entities whose catalog side is unchanged).
   * `inputs` holds an entity once (a run's come from its snapshot): a new entity's row is inserted
   * without a merge, and on PostgreSQL a second one would fail the transaction.
   */
  async replaceInputs(
    inputs: Iterable<PreviewInput>,
  ): Promise<{ written: number; hashes: Map<string, string> }> {
    const stored = await this.inputHashes();
    const versioned = await this.inputsVersion();
    const hashes = new Map<string, string>();
    return this.db.transaction(async tx => {
      let written = 0;
      let count = 0;
      // New rows go apart from changed ones, as they cannot conflict (see insertRows), and both
      // a chunk at a time: a first run's 100,000 inputs are 70 MB of JSON, and holding them all
      // until the insert raised the run's peak memory.
      let added: PreviewInputRow[] = [];
      let changed: PreviewInputRow[] = [];
      const flush = async () => {
        await insertRows(tx, 'autonomy_preview_inputs', added);
        await insertRows(tx, 'autonomy_preview_inputs', changed, [
          'entity_ref',
        ]);
        written += added.length + changed.length;
        added = [];
        changed = [];
      };
      for (const input of inputs) {
        count++;
        const json = JSON.stringify(input);
        const hash = previewInputHash(json);
        hashes.set(input.ref, hash);
        const before = stored.get(input.ref);
        stored.delete(input.ref);
        if (before === hash) continue;
        (before === undefined ? added : changed).push({
          entity_ref: input.ref,
          kind: input.kind,
          owner_ref: input.ownerRef ?? null,
          inputs: json,
          content_hash: hash,
        });
        if (added.length + changed.length >= WRITE_CHUNK) await flush();
      }
      await flush();
      const removed = [...stored.keys()];
      for (let i = 0; i < removed.length; i += DELETE_BATCH)
        await tx('autonomy_preview_inputs')
          .whereIn('entity_ref', removed.slice(i, i + DELETE_BATCH))
          .delete();
      written += removed.length;
      // With the inputs, in one transaction: a reader never sees this version with older inputs.
      if (written || !versioned)
        await tx('autonomy_analysis_runs')
          .insert({
            name: INPUTS_VERSION,
            evaluated_at: new Date().toISOString(),
            entity_count: count,
          })
          .onConflict('name')
          .merge();
      return { written, hashes };
    });
  }

  /** Each stored entity's input hash. */
  async inputHashes(): Promise<Map<string, string>> {
    const hashes = new Map<string, string>();
    for (const row of await this.db('autonomy_preview_inputs').select(
      'entity_ref',
      'content_hash',
    ))
      hashes.set(row.entity_ref, row.content_hash);
    return hashes;
  }

  /** The stored inputs of these entities, with their hashes; absent for entities without. */
  async inputsOf(
    entityRefs: string[],
  ): Promise<Map<string, { input: PreviewInput; hash: string }>> {
    const found = new Map<string, { input: PreviewInput; hash: string }>();
    const rows: Pick<
      PreviewInputRow,
      'entity_ref' | 'inputs' | 'content_hash'
    >[] = await whereAnyOf(
      this.db('autonomy_preview_inputs').select(
        'entity_ref',
        'inputs',
        'content_hash',
      ),
      'entity_ref',
      entityRefs,
    );
    for (const row of rows)
      found.set(row.entity_ref, {
        input: JSON.parse(row.inputs),
        hash: row.content_hash,
      });
    return found;
  }

  /** The version of the stored inputs; undefined before a run stored them with one. */
  async inputsVersion(): Promise<string | undefined> {
    const row = await this.db('autonomy_analysis_runs')
      .where({ name: INPUTS_VERSION })
      .first('evaluated_at', 'entity_count');
    return row && `${row.evaluated_at}/${row.entity_count}`;
  }

  /** Stored inputs in entity-ref order: of every entity, or of entities of these (lower-case) kinds. */
  async readInputs(kinds?: string[]): Promise<PreviewInput[]> {
    const q = this.db('autonomy_preview_inputs');
    if (kinds) whereAnyOf(q, 'kind', kinds);
    if (hasArrays(this.db)) {
      // One text joined by the database and parsed once: a hundred thousand JSON rows cost the
      // driver and the parser more one by one.
      const [row] = await q.select(
        this.db.raw(
          "'[' || coalesce(string_agg(inputs, ',' ORDER BY entity_ref), '') || ']' AS inputs",
        ),
      );
      return JSON.parse(row.inputs);
    }
    return (await q.select('inputs').orderBy('entity_ref')).map(row =>
      JSON.parse(row.inputs),
    );
  }

  /** Level and non-passing states of every evaluated entity, or of those of these kinds. */
  async readOutcomes(kinds?: string[]): Promise<Map<string, StoredOutcome>> {
    // The state tokens as one delimited text on both databases: parsing text[] row by row is
    // the slowest part of reading them on PostgreSQL.
    const q = this.db('autonomy_entity_scores').select(
      'entity_ref',
      'level_rank',
      hasArrays(this.db)
        ? this.db.raw("array_to_string(states, '|') AS states")
        : 'states',
    );
    if (kinds) whereAnyOf(q, 'kind', kinds);
    const outcomes = new Map<string, StoredOutcome>();
    // Entities with the same tokens share one object: it is parsed once, and a preview works
    // out the other guardrails' part of a level once per distinct object.
    const shared = new Map<string, NotPassingStates>();
    for (const row of await q) {
      const tokens: string = row.states ?? '';
      let notPassing = shared.get(tokens);
      if (!notPassing)
        shared.set(tokens, (notPassing = new NotPassingStates(tokens)));
      outcomes.set(row.entity_ref, {
        levelIndex: Number(row.level_rank),
        notPassing,
      });
    }
    return outcomes;
  }
}
