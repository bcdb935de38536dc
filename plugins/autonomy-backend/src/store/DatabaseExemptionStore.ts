import type { Knex } from 'knex';
import { whereAnyOf } from './analysisRuns';
import { randomUUID } from 'crypto';
import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import type {
  CreateExemptionRequest,
  Exemption,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { ActiveExemptions } from '../domain/guardrails/evaluate';
import { jsonRowsColumn } from './jsonRows';

/** An exemption from its row (its status as of `now`). */
export function toExemption(row: any, now: Date): Exemption {
  let status: Exemption['status'] = 'active';
  if (row.revoked_at) status = 'revoked';
  else if (row.expires_at <= now.toISOString()) status = 'expired';
  return {
    id: row.id,
    entityRef: row.entity_ref,
    guardrailId: row.guardrail_id,
    reason: row.reason,
    expiresAt: row.expires_at,
    ...(row.compensating_control
      ? { compensatingControl: row.compensating_control }
      : {}),
    ...(row.decision_record_url
      ? { decisionRecordUrl: row.decision_record_url }
      : {}),
    createdBy: row.created_by,
    createdAt: row.created_at,
    ...(row.revoked_at
      ? {
          revokedBy: row.revoked_by,
          revokedAt: row.revoked_at,
          revokeReason: row.revoke_reason ?? undefined,
        }
      : {}),
    status,
  };
}

/** The columns {@link toExemption} reads. */
const EXEMPTION_COLUMNS = [
  'id',
  'entity_ref',
  'guardrail_id',
  'reason',
  'expires_at',
  'compensating_control',
  'decision_record_url',
  'created_by',
  'created_at',
  'revoked_by',
  'revoked_at',
  'revoke_reason',
];

/**
 * An entity's exemptions, newest first as {@link DatabaseExemptionStore.list} gives them, as a
 * JSON column of another query's row (an entity's scorecard reads them with its row).
 */
export const entityExemptionsColumn = (
  db: Knex,
  entityRef: string,
  alias: string,
) =>
  jsonRowsColumn(
    db,
    db('autonomy_exemptions').where({ entity_ref: entityRef }),
    EXEMPTION_COLUMNS,
    { column: 'created_at', desc: true },
    alias,
  );

export interface ExemptionQuery {
  entityRef?: string[];
  guardrailId?: string;
  /** Exemptions of the entities this group owns (as last evaluated). */
  ownerRef?: string;
  /** Only these statuses (computed against now). */
  status?: Exemption['status'][];
}

/** Exemptions: created with a required expiry, revoked by marking (the record stays). */
export class DatabaseExemptionStore {
  constructor(private readonly db: Knex) {}

  /**
   * Creates an exemption unless the entity already has an active one from the guardrail, which is
   * returned instead. The database holds the rule (a unique index over `active_key`), so
   * concurrent requests create one between them.
   */
  async create(
    request: CreateExemptionRequest,
    createdBy: string,
    now: Date,
  ): Promise<{ created: Exemption } | { active: Exemption }> {
    const at = now.toISOString();
    const place = {
      entity_ref: request.entityRef,
      guardrail_id: request.guardrailId,
    };
    const row = {
      id: randomUUID(),
      ...place,
      reason: request.reason,
      expires_at: new Date(request.expiresAt).toISOString(),
      compensating_control: request.compensatingControl ?? null,
      decision_record_url: request.decisionRecordUrl ?? null,
      created_by: createdBy,
      created_at: at,
      active_key: 1,
    };
    try {
      await this.db.transaction(async trx => {
        // An expired exemption no longer holds the place; release it for its successor.
        await trx('autonomy_exemptions')
          .where(place)
          .whereNotNull('active_key')
          .andWhere('expires_at', '<=', at)
          .update({ active_key: null });
        await trx('autonomy_exemptions').insert(row);
      });
    } catch (error) {
      if (!isDatabaseConflictError(error)) throw error;
      const holder = await this.db('autonomy_exemptions')
        .where(place)
        .whereNotNull('active_key')
        .first();
      // Revoked between the insert and this read: the place is free again, so try again.
      if (!holder) return this.create(request, createdBy, now);
      return { active: toExemption(holder, now) };
    }
    return { created: toExemption(row, now) };
  }

  async get(id: string, now: Date): Promise<Exemption | undefined> {
    const row = await this.db('autonomy_exemptions').where({ id }).first();
    return row ? toExemption(row, now) : undefined;
  }

  /** Marks an active exemption revoked; returns undefined when it was not active. */
  async revoke(
    id: string,
    by: string,
    reason: string,
    now: Date,
  ): Promise<Exemption | undefined> {
    const at = now.toISOString();
    const updated = await this.db('autonomy_exemptions')
      .where({ id })
      .whereNull('revoked_at')
      .andWhere('expires_at', '>', at)
      .update({
        revoked_by: by,
        revoked_at: at,
        revoke_reason: reason,
        active_key: null,
      });
    return updated ? this.get(id, now) : undefined;
  }

  async list(query: ExemptionQuery, now: Date): Promise<Exemption[]> {
    const q = this.db('autonomy_exemptions').orderBy('created_at', 'desc');
    if (query.entityRef?.length) q.whereIn('entity_ref', query.entityRef);
    if (query.guardrailId) q.where('guardrail_id', query.guardrailId);
    if (query.ownerRef) {
      q.whereIn(
        'entity_ref',
        this.db('autonomy_entity_scores')
          .select('entity_ref')
          .where('owner_ref', query.ownerRef),
      );
    }
    const all = (await q).map(r => toExemption(r, now));
    return query.status?.length
      ? all.filter(e => query.status!.includes(e.status))
      : all;
  }

  /** Active exemptions that expire before `before`, with their entity's owner as last evaluated. */
  async expiringBefore(
    now: Date,
    before: Date,
  ): Promise<(Exemption & { ownerRef?: string })[]> {
    const rows = await this.db('autonomy_exemptions as x')
      .leftJoin('autonomy_entity_scores as e', 'e.entity_ref', 'x.entity_ref')
      .whereNull('x.revoked_at')
      .andWhere('x.expires_at', '>', now.toISOString())
      .andWhere('x.expires_at', '<', before.toISOString())
      .orderBy('x.expires_at')
      .select('x.*', 'e.owner_ref');
    return rows.map(r => ({
      ...toExemption(r, now),
      ...(r.owner_ref ? { ownerRef: r.owner_ref } : {}),
    }));
  }

  /** Active exemptions by entity, for evaluation: of every entity, or of the given ones. */
  async activeByEntity(
    now: Date,
    entityRefs?: string | string[],
  ): Promise<Map<string, ActiveExemptions>> {
    const q = this.db('autonomy_exemptions')
      .whereNull('revoked_at')
      .andWhere('expires_at', '>', now.toISOString());
    if (entityRefs !== undefined)
      whereAnyOf(q, 'entity_ref', [entityRefs].flat());
    const byEntity = new Map<string, ActiveExemptions>();
    for (const row of await q.orderBy('expires_at', 'desc')) {
      const map = byEntity.get(row.entity_ref) ?? new Map();
      if (!map.has(row.guardrail_id))
        map.set(row.guardrail_id, { id: row.id, expiresAt: row.expires_at });
      byEntity.set(row.entity_ref, map);
    }
    return byEntity;
  }
}
