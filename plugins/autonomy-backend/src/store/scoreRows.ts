import { createHash } from 'crypto';
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
): string {
  return createHash('sha1')
    .update(fingerprint)
    .update(
      JSON.stringify([
        header.kind,
        header.title,
        header.ownerRef,
        header.systemRef,
        header.domainRef,
      ]),
    )
    .update(signature)
    .digest('base64');
}

/** The stored row of an evaluated entity; `hash` is its {@link contentHash}. */
export function toScoreRow(
  e: ScoredEntity,
  evaluatedAt: string,
  arrays: boolean,
  hash?: string,
): EntityScoreRow {
  const stored = toStoredEvaluation(e.results);
  const results = JSON.stringify(stored);
  const row = {
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
  };
  const tokens = stateTokens(stored.results);
  return {
    ...row,
    evaluated_at: evaluatedAt,
    results,
    // Without an outcome's hash (an entity given as results), the hash of the row itself.
    content_hash:
      hash ??
      createHash('sha1')
        .update(JSON.stringify(row))
        .update(results)
        .digest('base64'),
    bucket: bucketOf(e.entityRef),
    states: arrays ? tokens : `|${tokens.join('|')}|`,
  };
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

export function resultsOf(
  row: Pick<EntityScoreRow, 'results'>,
): GuardrailResult[] {
  return row.results
    ? fromStoredEvaluation(JSON.parse(row.results) as StoredEvaluation)
    : [];
}
