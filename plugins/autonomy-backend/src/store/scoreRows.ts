import { createHash } from 'crypto';
import { sha1Base64 } from './sha1';
import type { Knex } from 'knex';
import {
  emptyStateCounts,
  type EntityScore,
  type GuardrailResult,
  type GuardrailState,
  type StateCounts,
} from '@aligned-autonomy/plugin-autonomy-common';
import type {
  EntityHeader,
  ScoredEntity,
} from '../domain/guardrails/evaluateCatalog';
import {
  fromStoredEvaluation,
  stateTokens,
  toStoredEvaluation,
  type StoredEvaluation,
} from '../domain/guardrails/storedEvaluation';
import {
  explainStoredOutcome,
  isStoredOutcome,
  type StoredOutcome,
} from '../domain/guardrails/storedOutcome';
import type { CompiledGuardrails } from '../domain/guardrails/compileGuardrails';
import { bucketOf } from '../domain/shards/shards';

export const COUNTED: GuardrailState[] = [
  'pass',
  'fail',
  'warning',
  'exempt',
  'unknown',
  'error',
];

/** A row of `autonomy_entity_scores`: one evaluated entity with all its results. */
export interface EntityScoreRow {
  entity_ref: string;
  kind: string;
  title: string;
  owner_ref: string | null;
  system_ref: string | null;
  domain_ref: string | null;
  level: string | null;
  level_rank: number;
  score: number | null;
  pass_count: number;
  fail_count: number;
  warning_count: number;
  exempt_count: number;
  unknown_count: number;
  error_count: number;
  /** JSON string[] */
  failing_guardrail_ids: string;
  /** JSON string[] */
  blocking_next: string;
  evaluated_at: string;
  /** JSON {@link StoredEvaluation} */
  results: string | null;
  content_hash: string | null;
  bucket: number;
  /** PostgreSQL: text[]; SQLite: `|token|token|`. */
  states: string[] | string | null;
  /** Key of the inputs the row was evaluated from; null: evaluate at the next run. */
  input_key: string | null;
  /** ISO instant from which time alone may change the outcome; null: never. */
  recheck_at: string | null;
}

/** What a run compares to skip an entity: the inputs its row was evaluated from. */
export interface EvaluatedInputs {
  inputKey: string;
  /** Epoch ms (see recheck.ts), or undefined. */
  recheckAt: number | undefined;
}

/** Whether the database keeps the state tokens in an indexed array (PostgreSQL). */
export const hasArrays = (db: Knex) => db.client.config.client === 'pg';

/**
 * The content hash of an entity's row from what decides it: the guardrail definitions, what the
 * views group it by, and its evaluation outcome's signature. A run compares these and writes
 * only the rows that changed, explaining (putting in words) only those.
 */
export function contentHash(
  fingerprint: string,
  header: EntityHeader,
  signature: string,
  inputs?: EvaluatedInputs,
): string {
  // The inputs are part of the row: an entity whose inputs changed gets its new key stored.
  const key = inputs ? `${inputs.inputKey}@${inputs.recheckAt ?? ''}\n` : '';
  const grouping = JSON.stringify([
    header.kind,
    header.title,
    header.ownerRef,
    header.systemRef,
    header.domainRef,
  ]);
  // One text, as in inputKey: the same bytes as before, so stored hashes stay valid.
  return sha1Base64(`${key}${fingerprint}${grouping}${signature}`);
}

/** A recheck instant as stored: ISO text, which compares as the instants it names. */
export const recheckText = (ms: number | undefined) =>
  ms === undefined ? null : new Date(ms).toISOString();

/** What a row says of an entity apart from its results. */
export type ScoredHeader = Omit<ScoredEntity, 'results'>;

/** The stored row of an evaluated entity; `hash` is its {@link contentHash}. */
export function toScoreRow(
  e: ScoredEntity,
  evaluatedAt: string,
  arrays: boolean,
  hash?: string,
  inputs?: EvaluatedInputs,
): EntityScoreRow {
  const stored = toStoredEvaluation(e.results);
  return rowOf(
    e,
    JSON.stringify(stored),
    stateTokens(stored.results),
    evaluatedAt,
    arrays,
    hash,
    inputs,
  );
}

/** The columns of a row before its results, in order: what a row's own hash covers. */
export const HEADER_COLUMNS = [
  'entity_ref',
  'kind',
  'title',
  'owner_ref',
  'system_ref',
  'domain_ref',
  'level',
  'level_rank',
  'score',
  'pass_count',
  'fail_count',
  'warning_count',
  'exempt_count',
  'unknown_count',
  'error_count',
  'failing_guardrail_ids',
  'blocking_next',
] as const;
/** The same, as JSON.stringify's list of the properties it writes. */
const HEADER_KEYS: string[] = [...HEADER_COLUMNS];

/** Every column of an entity's row, in order. */
export const SCORE_COLUMNS = [
  ...HEADER_COLUMNS,
  'evaluated_at',
  'results',
  'content_hash',
  'bucket',
  'states',
  'input_key',
  'recheck_at',
] as const;

/**
 * The stored row of an entity whose results are stored as its outcome (storedOutcome.ts): `results`
 * is that text and `tokens` its scorecard filter tokens.
 */
export function rowOf(
  e: ScoredHeader,
  results: string,
  tokens: string[],
  evaluatedAt: string,
  arrays: boolean,
  hash?: string,
  inputs?: EvaluatedInputs,
): EntityScoreRow {
  // One literal with every column: spreading the header's 17 columns into a row of 24 cost about
  // 25 µs a row in V8 (the copy ends up a slow object), over two seconds of a 100,000-entity run.
  const row: EntityScoreRow = {
    entity_ref: e.entityRef,
    kind: e.kind,
    title: e.title,
    owner_ref: e.ownerRef ?? null,
    system_ref: e.systemRef ?? null,
    domain_ref: e.domainRef ?? null,
    level: e.level,
    level_rank: e.levelIndex,
    score: e.score,
    pass_count: e.counts.pass,
    fail_count: e.counts.fail,
    warning_count: e.counts.warning,
    exempt_count: e.counts.exempt,
    unknown_count: e.counts.unknown,
    error_count: e.counts.error,
    failing_guardrail_ids: JSON.stringify(e.failingGuardrailIds),
    blocking_next: JSON.stringify(e.blockingNext),
    evaluated_at: evaluatedAt,
    results,
    content_hash: hash ?? null,
    bucket: bucketOf(e.entityRef),
    states: arrays ? tokens : `|${tokens.join('|')}|`,
    input_key: inputs?.inputKey ?? null,
    recheck_at: recheckText(inputs?.recheckAt),
  };
  // Without an outcome's hash (an entity given as results), the hash of the row itself: its
  // columns up to `blocking_next`, then its results.
  if (hash === undefined)
    row.content_hash = createHash('sha1')
      .update(JSON.stringify(row, HEADER_KEYS))
      .update(results)
      .digest('base64');
  return row;
}

export function countsOf(row: Record<string, unknown>): StateCounts {
  const counts = emptyStateCounts();
  for (const s of COUNTED) counts[s] = Number(row[`${s}_count`] ?? 0);
  return counts;
}

export function toScore(
  row: EntityScoreRow,
  lastRunAt?: string,
): EntityScore & { blockingNext: string[] } {
  return {
    entityRef: row.entity_ref,
    kind: row.kind,
    title: row.title,
    ownerRef: row.owner_ref ?? undefined,
    systemRef: row.system_ref ?? undefined,
    domainRef: row.domain_ref ?? undefined,
    level: row.level ?? null,
    score: row.score === null ? null : Number(row.score),
    counts: countsOf(row as unknown as Record<string, unknown>),
    failingGuardrailIds: JSON.parse(row.failing_guardrail_ids),
    blockingNext: JSON.parse(row.blocking_next),
    // An unchanged row is not rewritten; it was evaluated again by the last complete run.
    evaluatedAt:
      lastRunAt && lastRunAt > row.evaluated_at ? lastRunAt : row.evaluated_at,
  };
}

/**
 * The compiled guardrail set a stored outcome names (by fingerprint), to put its results in words:
 * the store reads rows, the guardrail sets know how to compile them.
 */
export type StoredSetLookup = (
  fingerprint: string,
) => Promise<CompiledGuardrails>;

/** The results of a stored row, in words: stored so (older rows, tests) or explained now. */
export async function resultsOf(
  row: Pick<
    EntityScoreRow,
    'results' | 'entity_ref' | 'kind' | 'title' | 'owner_ref' | 'evaluated_at'
  >,
  lookup: StoredSetLookup | undefined,
): Promise<GuardrailResult[]> {
  if (!row.results) return [];
  const stored = JSON.parse(row.results) as StoredEvaluation | StoredOutcome;
  if (!isStoredOutcome(stored)) return fromStoredEvaluation(stored);
  if (!lookup)
    throw new Error(
      'The guardrail store reads stored outcomes only with a guardrail set lookup',
    );
  // A set that no longer compiles here (a module's operator or provider removed) shows the states.
  const compiled = await lookup(stored.fp).catch(() => undefined);
  return explainStoredOutcome(compiled, stored, {
    ref: row.entity_ref,
    kind: row.kind,
    title: row.title,
    ownerRef: row.owner_ref ?? undefined,
    evaluatedAt: row.evaluated_at,
  });
}
