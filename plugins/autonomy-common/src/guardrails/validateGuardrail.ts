import {
  entityKindSchemaValidator,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { GuardrailDefinition } from '../schema/openapi/generated';
import { parseRefOfKind } from '../refs';
import { entityKindSchema } from '../kinds/entityKindSchema';
import { refProblem, throwIfInvalid } from '../kinds/kindValidation';
import {
  describeIssues,
  guardrailIdSchema,
  guardrailSpecSchema,
} from './definitionSchema';
import {
  GUARDRAIL_KIND,
  isGuardrailEntity,
  type GuardrailEntityV1alpha1,
} from './GuardrailEntityV1alpha1';

// The envelope (metadata and the like) as the catalog checks it; the spec is checked by the
// definition schema shared with app-config, which reports every problem at once.
const envelopeValidator = entityKindSchemaValidator<GuardrailEntityV1alpha1>(
  entityKindSchema({
    id: 'GuardrailV1alpha1',
    description: 'A guardrail of Aligned Autonomy, owned by a Group.',
    kind: GUARDRAIL_KIND,
    spec: { type: 'object' },
  }),
);

/**
 * What the backend needs of a valid Guardrail entity.
 * @public
 */
export interface GuardrailEntityCheck {
  /** Every problem, each naming its field; empty when valid. */
  problems: string[];
  /** The definition it states, when valid. */
  definition?: GuardrailDefinition;
}

/**
 * Checks a Guardrail entity and returns the definition it states: the spec against the shared
 * definition schema, the name as a guardrail id, the owner as a Group reference, and the level
 * against `levels` when given. Every problem names its field (`spec.rationale.why is required`).
 *
 * @public
 */
export function checkGuardrailEntity(
  entity: Entity,
  options: { levels?: string[] } = {},
): GuardrailEntityCheck {
  const problems: string[] = [];
  const name = entity.metadata?.name;
  const id = guardrailIdSchema.safeParse(name);
  if (!id.success)
    problems.push(
      `metadata.name is the guardrail id and ${id.error.issues[0].message}`,
    );
  const parsed = guardrailSpecSchema.safeParse(entity.spec ?? undefined);
  if (!parsed.success) {
    problems.push(...describeIssues(parsed.error, 'spec'));
    return { problems };
  }
  const spec = parsed.data;
  const namespace = entity.metadata?.namespace ?? 'default';
  const owner = parseRefOfKind(spec.owner, 'group', namespace);
  if (!('ref' in owner))
    problems.push(refProblem(spec.owner, 'spec.owner', 'group', namespace)!);
  if (options.levels && !options.levels.includes(spec.level))
    problems.push(
      `spec.level: unknown level "${spec.level}" (levels: ${options.levels.join(
        ', ',
      )})`,
    );
  if (spec.enforcedFrom && spec.mode === 'warning')
    problems.push(
      'spec.enforcedFrom: a warning-only guardrail is never enforced (drop enforcedFrom or the mode)',
    );
  if (problems.length || !('ref' in owner)) return { problems };
  return {
    problems,
    definition: {
      id: name,
      title: entity.metadata.title ?? name,
      description: entity.metadata.description,
      rationale: {
        why: spec.rationale.why,
        risk: spec.rationale.risk,
        evidenceUrl: spec.rationale.evidenceUrl,
        ownerRef: owner.ref,
        howToFix: spec.rationale.howToFix,
        howToAppeal: spec.rationale.howToAppeal,
      },
      appliesTo: spec.appliesTo,
      rule: spec.rule as GuardrailDefinition['rule'],
      level: spec.level,
      weight: spec.weight,
      mode: spec.enforcedFrom ? 'grace' : spec.mode,
      enforcedFrom: spec.enforcedFrom,
      type: spec.type,
      source: 'catalog',
      ownerRef: owner.ref,
      entityRef: stringifyEntityRef(entity),
    },
  };
}

/**
 * Validates a Guardrail entity for the catalog: returns it typed, `false` when it is not a
 * Guardrail at all, and throws a TypeError naming every problem at once, each with its field.
 *
 * @public
 */
export function validateGuardrailEntity(
  entity: Entity,
  options: { levels?: string[] } = {},
): GuardrailEntityV1alpha1 | false {
  if (!isGuardrailEntity(entity)) return false;
  const { problems } = checkGuardrailEntity(entity, options);
  throwIfInvalid('Guardrail', entity, problems, envelopeValidator);
  return entity;
}

/** `2027-01-15T00:00:00.000Z`, what an unquoted YAML date becomes in JSON, is that day. */
const dayOf = (value: unknown) =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}T00:00:00(\.0+)?Z$/.test(value)
    ? value.slice(0, 10)
    : value;

/**
 * A Guardrail as people write it in YAML, in the form the schema asks: an unquoted date in
 * `enforcedFrom` is that day. Other kinds are returned as they are.
 *
 * @public
 */
export function normalizeGuardrailEntity(entity: Entity): Entity {
  if (!isGuardrailEntity(entity) || typeof entity.spec !== 'object')
    return entity;
  if (entity.spec.enforcedFrom === undefined) return entity;
  return {
    ...entity,
    spec: { ...entity.spec, enforcedFrom: dayOf(entity.spec.enforcedFrom) },
  } as Entity;
}
