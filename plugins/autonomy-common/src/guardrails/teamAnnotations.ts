import { GUARDRAIL_ID_PATTERN } from './definitionSchema';

/**
 * The annotations a team writes to own the how: on its Group (for everything it owns) or on one
 * entity (for that entity).
 *
 * - `aligned-autonomy.io/opt-out.<guardrail id>: <reason>` opts out of a recommended guardrail,
 *   with the reason in words;
 * - `aligned-autonomy.io/tighten.<guardrail id>: <fact> <operator> <number>` raises an
 *   organisation guardrail's threshold: the rule's condition on that fact with that operator
 *   compares with the team's number instead, never a looser one.
 *
 * @public
 */
export const GUARDRAIL_ANNOTATION_PREFIXES = {
  optOut: 'aligned-autonomy.io/opt-out.',
  tighten: 'aligned-autonomy.io/tighten.',
} as const;

/**
 * Operators whose parameter is a threshold a team may tighten, and which way is stricter.
 * @public
 */
export const TIGHTENABLE_OPERATORS = {
  greaterThan: 'up',
  greaterThanOrEqual: 'up',
  lessThan: 'down',
  lessThanOrEqual: 'down',
  newerThanDays: 'down',
  olderThanDays: 'up',
} as const;

/** @public */
export type TightenableOperator = keyof typeof TIGHTENABLE_OPERATORS;

/** @public */
export interface DeclaredOptOut {
  guardrailId: string;
  reason: string;
  annotation: string;
}

/** @public */
export interface DeclaredTightening {
  guardrailId: string;
  fact: string;
  operator: TightenableOperator;
  value: number;
  annotation: string;
}

/** @public */
export interface GuardrailAnnotations {
  optOuts: DeclaredOptOut[];
  tightenings: DeclaredTightening[];
  /** Malformed annotations, each naming the annotation. */
  problems: string[];
}

/** A reason says why in words: at least this many characters. */
const MIN_REASON = 10;

/**
 * Reads the opt-out and tightening annotations of one entity. Whether the guardrail may be opted
 * out of or tightened that way depends on its definition: see `tightenRule` and the
 * backend's effective set.
 *
 * @public
 */
export function readGuardrailAnnotations(
  annotations: Record<string, string> | undefined,
): GuardrailAnnotations {
  const result: GuardrailAnnotations = {
    optOuts: [],
    tightenings: [],
    problems: [],
  };
  for (const [annotation, raw] of Object.entries(annotations ?? {})) {
    const kind = (['optOut', 'tighten'] as const).find(k =>
      annotation.startsWith(GUARDRAIL_ANNOTATION_PREFIXES[k]),
    );
    if (!kind) continue;
    const guardrailId = annotation.slice(
      GUARDRAIL_ANNOTATION_PREFIXES[kind].length,
    );
    if (!GUARDRAIL_ID_PATTERN.test(guardrailId)) {
      result.problems.push(
        `${annotation}: "${guardrailId}" is not a guardrail id (lower-case letters, digits and dashes)`,
      );
      continue;
    }
    const value = String(raw ?? '').trim();
    if (kind === 'optOut') {
      if (value.length < MIN_REASON)
        result.problems.push(
          `${annotation}: an opt-out needs its reason in words (at least ${MIN_REASON} characters)`,
        );
      else result.optOuts.push({ guardrailId, reason: value, annotation });
      continue;
    }
    const parts = value.split(/\s+/);
    const [fact, operator, number] = parts;
    if (
      parts.length !== 3 ||
      !(operator in TIGHTENABLE_OPERATORS) ||
      !/^-?\d+(\.\d+)?$/.test(number)
    ) {
      result.problems.push(
        `${annotation}: must be "<fact> <operator> <number>" with one of ${Object.keys(
          TIGHTENABLE_OPERATORS,
        ).join(
          ', ',
        )}, e.g. "chaos.passRate greaterThanOrEqual 0.99"; got "${value}"`,
      );
      continue;
    }
    result.tightenings.push({
      guardrailId,
      fact,
      operator: operator as TightenableOperator,
      value: Number(number),
      annotation,
    });
  }
  return result;
}
