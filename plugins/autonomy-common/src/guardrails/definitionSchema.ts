import { z } from 'zod';
import { isCalendarDate } from '../dates';

/**
 * The one schema of a guardrail definition, shared by `autonomy.guardrails.definitions` in
 * app-config (read by the backend) and the spec of a `Guardrail` entity (checked by the catalog
 * module): the same fields mean the same things wherever a guardrail is written.
 */

/**
 * Guardrail ids, level ids and fact source ids: lower-case letters, digits and dashes.
 * @public
 */
export const GUARDRAIL_ID_PATTERN = /^[a-z][a-z0-9-]*$/;

const list = z
  .union([z.string().min(1), z.array(z.string().min(1))])
  .transform(v => (Array.isArray(v) ? v : [v]));

/** @public */
export const guardrailIdSchema = z
  .string()
  .max(63, 'must be at most 63 characters')
  .regex(GUARDRAIL_ID_PATTERN, 'must be lower-case letters, digits and dashes');

const date = z
  .string()
  .refine(isCalendarDate, 'must be a calendar date YYYY-MM-DD');

const rationaleSchema = z
  .object({
    why: z.string().min(1),
    risk: z.string().optional(),
    evidenceUrl: z.string().url().optional(),
    owner: z.string().optional(),
    howToFix: z.string().optional(),
    howToAppeal: z.string().optional(),
  })
  .strict();

const appliesToSchema = z
  .object({
    kind: list,
    type: list,
    lifecycle: list,
    tier: list,
    tags: list,
    annotations: list,
  })
  .partial()
  .strict()
  .default({});

/**
 * What a guardrail checks and how it counts, whatever its source: its rationale, which entities
 * it applies to, its rule (the tree is checked when compiled, where operators and fact sources
 * are known), its level, weight, mode and grace period.
 */
const guardrailBodyShape = {
  rationale: rationaleSchema,
  appliesTo: appliesToSchema,
  rule: z.record(z.string(), z.unknown()),
  level: z.string().min(1),
  weight: z.number().positive().default(1),
  mode: z.enum(['enforced', 'warning']).default('enforced'),
  enforcedFrom: date.optional(),
};

/**
 * An app-config definition (`autonomy.guardrails.definitions[i]`): the body with its id, title
 * and description.
 * @public
 */
export const guardrailDefinitionSchema = z
  .object({
    id: guardrailIdSchema,
    title: z.string().min(1),
    description: z.string().optional(),
    ...guardrailBodyShape,
  })
  .strict();

/**
 * The `spec` of a Guardrail entity: the same body, its owner and its type. Its id is
 * `metadata.name`, its title and description are the entity's.
 * @public
 */
export const guardrailSpecSchema = z
  .object({
    type: z.enum(['required', 'recommended', 'team']),
    owner: z.string().min(1),
    ...guardrailBodyShape,
  })
  .strict();

/** @public */
export type GuardrailDefinitionInput = z.input<
  typeof guardrailDefinitionSchema
>;
/** @public */
export type ParsedGuardrailDefinition = z.output<
  typeof guardrailDefinitionSchema
>;
/** @public */
export type ParsedGuardrailSpec = z.output<typeof guardrailSpecSchema>;

/**
 * Zod's path of an issue as a field name under `root`: `['rule', 'all', 0]` under `spec` is
 * `spec.rule.all[0]`.
 * @public
 */
export function fieldOfPath(
  root: string,
  path: readonly PropertyKey[],
): string {
  return path.reduce<string>(
    (key, part) =>
      typeof part === 'number' ? `${key}[${part}]` : `${key}.${String(part)}`,
    root,
  );
}

/**
 * Every problem of a failed parse, each naming its field: `spec.rationale.why is required`,
 * `spec.colour is not a known field`, `spec.weight: Too small: expected number to be >0`.
 * @public
 */
export function describeIssues(error: z.ZodError, root: string): string[] {
  return error.issues.flatMap(issue => {
    const field = fieldOfPath(root, issue.path);
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map(k => `${field}.${k} is not a known field`);
    // Zod leaves the input out of its issues; a missing field reads "received undefined".
    if (
      issue.code === 'invalid_type' &&
      /received undefined$/.test(issue.message)
    )
      return [`${field} is required`];
    return [`${field}: ${issue.message}`];
  });
}
