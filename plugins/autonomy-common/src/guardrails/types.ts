/**
 * The state of one guardrail for one entity.
 * - `pass` / `fail`: the rule held or not (fail only when the guardrail is enforced);
 * - `warning`: it failed, but the guardrail is warning-only or still in its grace period;
 * - `not-applicable`: the guardrail's filter does not select this entity;
 * - `exempt`: an active exemption covers it;
 * - `unknown`: a fact the rule needs is missing or older than its freshness limit;
 * - `error`: the rule itself broke (it never breaks the other guardrails).
 *
 * @public
 */
export type GuardrailState =
  | 'pass'
  | 'fail'
  | 'warning'
  | 'not-applicable'
  | 'exempt'
  | 'unknown'
  | 'error';

/** @public */
export const GUARDRAIL_STATES: GuardrailState[] = [
  'pass',
  'fail',
  'warning',
  'not-applicable',
  'exempt',
  'unknown',
  'error',
];

/**
 * Why a guardrail exists: shared with the engineers who must meet it.
 * @public
 */
export interface GuardrailRationale {
  /** Why it matters. */
  why: string;
  /** The risk it addresses. */
  risk?: string;
  /** A link to the evidence or decision record. */
  evidenceUrl?: string;
  /** The group that owns the guardrail (entity ref). */
  ownerRef?: string;
  /** How to fix a failure. */
  howToFix?: string;
  /** How to appeal: ask for an exemption or a change. */
  howToAppeal?: string;
}

/**
 * Which entities a guardrail applies to. Every given field must match; a list matches any of its
 * values (case-insensitive). `annotations` lists keys that must all be present.
 * @public
 */
export interface GuardrailEntityFilter {
  kind?: string[];
  type?: string[];
  lifecycle?: string[];
  tier?: string[];
  tags?: string[];
  annotations?: string[];
}

/**
 * A rule: a tree of `all` / `any` / `not` over fact conditions. A fact condition names a fact
 * and exactly one operator with its parameter, e.g. `{ fact: 'owner.isTeam', equals: true }`.
 * @public
 */
export type GuardrailRule =
  | { all: GuardrailRule[] }
  | { any: GuardrailRule[] }
  | { not: GuardrailRule }
  | ({ fact: string } & Record<string, unknown>);

/**
 * How a failure counts: enforced, warning-only, or enforced from a date (a grace period during
 * which failures are warnings).
 * @public
 */
export type GuardrailMode = 'enforced' | 'warning' | 'grace';

/** @public */
export interface GuardrailDefinition {
  id: string;
  title: string;
  description?: string;
  rationale: GuardrailRationale;
  appliesTo: GuardrailEntityFilter;
  rule: GuardrailRule;
  level: string;
  weight: number;
  mode: GuardrailMode;
  /** With mode `grace`: the ISO date from which failures count. */
  enforcedFrom?: string;
}

/** @public */
export interface GuardrailsResponse {
  /** Levels from lowest to highest. */
  levels: string[];
  guardrails: GuardrailDefinition[];
}

/**
 * A fact value as the rule saw it.
 * @public
 */
export interface FactObservation {
  id: string;
  value: string | number | boolean | null | string[];
  /** Where it came from: the catalog, a push, or a fact provider module. */
  source: 'catalog' | 'pushed' | 'provider';
  /** When it was observed (pushed and provider facts). */
  observedAt?: string;
  /** Missing, or older than its freshness limit: the rule treats it as unknown. */
  unknown?: boolean;
}

/** @public */
export interface GuardrailResult {
  guardrailId: string;
  state: GuardrailState;
  /** Why this state, in words (e.g. which condition failed, or the grace period's end). */
  message?: string;
  facts: FactObservation[];
  /** The active exemption when `state` is `exempt`. */
  exemptionId?: string;
}

/** @public */
export type StateCounts = Record<GuardrailState, number>;

/**
 * A count of zero for every state.
 * @public
 */
export const emptyStateCounts = (): StateCounts =>
  Object.fromEntries(GUARDRAIL_STATES.map(state => [state, 0])) as StateCounts;

/** @public */
export interface EntityScore {
  entityRef: string;
  kind: string;
  title: string;
  ownerRef?: string;
  systemRef?: string;
  domainRef?: string;
  /** Highest level reached (all guardrails of that level and below pass), or null. */
  level: string | null;
  /** Weighted share of applicable guardrails that pass or are exempt, 0–100, or null. */
  score: number | null;
  counts: StateCounts;
  /** Guardrails in state `fail` (and `unknown`), which block the next level. */
  failingGuardrailIds: string[];
  evaluatedAt: string;
}

/** @public */
export interface HistoryPoint {
  day: string;
  score: number | null;
  entityCount: number;
  /** Entities per level (and `none`). */
  levelCounts: Record<string, number>;
}

/** @public */
export interface EntityScorecardResponse extends EntityScore {
  /** The next level and the guardrails that stand between the entity and it. */
  nextLevel?: { level: string; blockingGuardrailIds: string[] };
  /** One result per guardrail (not-applicable ones included), in definition order. */
  results: GuardrailResult[];
  exemptions: Exemption[];
  /** Daily points, oldest first. */
  trend: HistoryPoint[];
}

/** @public */
export interface ScorecardListResponse {
  items: EntityScore[];
  total: number;
  evaluatedAt?: string;
}

/**
 * Aggregates over a group of entities (owned by a team, part of a system or domain, or all).
 * @public
 */
export interface Rollup {
  ref: string;
  title?: string;
  entityCount: number;
  averageScore: number | null;
  levelCounts: Record<string, number>;
  stateCounts: StateCounts;
}

/** @public */
export interface RollupListResponse {
  items: Rollup[];
  total: number;
  evaluatedAt?: string;
}

/** @public */
export interface HistoryResponse {
  scope: 'entity' | 'team' | 'org';
  ref?: string;
  points: HistoryPoint[];
}

/** @public */
export interface Exemption {
  id: string;
  entityRef: string;
  guardrailId: string;
  reason: string;
  /** ISO timestamp; required, at most the configured maximum ahead. */
  expiresAt: string;
  compensatingControl?: string;
  decisionRecordUrl?: string;
  createdBy: string;
  createdAt: string;
  revokedBy?: string;
  revokedAt?: string;
  revokeReason?: string;
  status: 'active' | 'expired' | 'revoked';
}

/** @public */
export interface CreateExemptionRequest {
  entityRef: string;
  guardrailId: string;
  reason: string;
  expiresAt: string;
  compensatingControl?: string;
  decisionRecordUrl?: string;
}

/** @public */
export interface ExemptionListResponse {
  items: Exemption[];
}

/**
 * Facts pushed by an external tool (CI, a chaos platform…) for one entity.
 * @public
 */
export interface PushFactsRequest {
  entityRef: string;
  /** The fact source, declared in `autonomy.guardrails.facts`. */
  source: string;
  /** When the facts were observed; defaults to the time of the push. */
  observedAt?: string;
  values: Record<string, string | number | boolean | null | string[]>;
}
