import {
  entityKindSchemaValidator,
  type Entity,
} from '@backstage/catalog-model';
import Ajv, { type ErrorObject } from 'ajv';
import {
  isMissionEntity,
  type MissionEntityV1alpha1,
} from './MissionEntityV1alpha1';
import {
  missionEntityV1alpha1Schema,
  missionSpecSchema,
} from './missionSchema';
import { isCalendarDate, parseCalendarDate, parseTimestamp } from '../dates';
import { parseRefOfKind } from '../refs';

// Compiled once at module load; the catalog calls validation for every entity it processes. The
// catalog's own validator stops at the first problem, so the spec is also checked on its own with
// every error collected; the whole-entity validator then checks the envelope.
const entityValidator = entityKindSchemaValidator<MissionEntityV1alpha1>(
  missionEntityV1alpha1Schema,
);
const specValidator = new Ajv({ allErrors: true }).compile(missionSpecSchema);

/** `/successMetrics/0/target` under `spec` → `spec.successMetrics[0].target`. */
function fieldOf(pointer: string, root: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (field, part) =>
        /^\d+$/.test(part) ? `${field}[${part}]` : `${field}.${part}`,
      root,
    );
}

function describe(error: ErrorObject, root: string): string {
  const field = fieldOf(error.instancePath, root);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${field}.${params.missingProperty} is required`;
    case 'additionalProperties':
      return `${field}.${params.additionalProperty} is not a known field`;
    case 'enum':
      return `${field} must be one of ${(
        params.allowedValues as unknown[]
      ).join(', ')}`;
    case 'pattern':
      return `${field} is not a calendar date YYYY-MM-DD`;
    default:
      return `${field} ${error.message}`;
  }
}

function checkRef(
  value: string,
  field: string,
  kind: string,
  namespace: string,
): string | undefined {
  const parsed = parseRefOfKind(value, kind, namespace);
  if ('ref' in parsed) return undefined;
  return parsed.problem === 'other-kind'
    ? `${field} must reference a ${kind}, got "${value}"`
    : `${field} is not a valid entity reference: "${value}"`;
}

/**
 * Validates a Mission entity: its spec against the JSON schema, then what a schema cannot say
 * (the owner is a Group, the parent a Mission, dates exist). Returns the entity typed, `false`
 * when it is not a Mission at all, and throws a TypeError naming every problem at once, each with
 * its field.
 *
 * @public
 */
export function validateMissionEntity(
  entity: Entity,
): MissionEntityV1alpha1 | false {
  if (!isMissionEntity(entity)) return false;
  const namespace = entity.metadata?.namespace ?? 'default';
  const spec: Record<string, any> = entity.spec ?? {};
  const problems: string[] = [];
  if (typeof entity.spec !== 'object' || entity.spec === null) {
    problems.push('spec is required');
  } else if (!specValidator(spec)) {
    problems.push(...specValidator.errors!.map(e => describe(e, 'spec')));
  }
  // What the schema cannot say, for the fields it found well formed.
  const named = (field: string) =>
    problems.some(p => p.startsWith(`${field} `) || p.startsWith(`${field}.`));
  const check = (
    field: string,
    value: unknown,
    problem: () => string | undefined,
  ) => {
    if (typeof value !== 'string' || named(field)) return;
    const found = problem();
    if (found) problems.push(found);
  };
  check('spec.owner', spec.owner, () =>
    checkRef(spec.owner, 'spec.owner', 'group', namespace),
  );
  check('spec.parent', spec.parent, () =>
    checkRef(spec.parent, 'spec.parent', 'mission', namespace),
  );
  check('spec.reviewBy', spec.reviewBy, () =>
    isCalendarDate(spec.reviewBy)
      ? undefined
      : `spec.reviewBy is not a calendar date: "${spec.reviewBy}"`,
  );
  (Array.isArray(spec.successMetrics) ? spec.successMetrics : []).forEach(
    (metric: any, i: number) => {
      const field = `spec.successMetrics[${i}].measuredAt`;
      check(field, metric?.measuredAt, () =>
        isCalendarDate(metric.measuredAt)
          ? undefined
          : `${field} is not a calendar date: "${metric.measuredAt}"`,
      );
    },
  );
  if (problems.length === 0) {
    // The envelope (metadata and the like), which the catalog's own policies also check.
    try {
      entityValidator(entity);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0) {
    throw new TypeError(
      `Mission ${entity.metadata?.name} is invalid: ${problems.join('; ')}`,
    );
  }
  return entity;
}

/** A day as people write it in YAML: a YAML date (a Date, or its JSON form at midnight UTC). */
function dayOf(value: unknown): unknown {
  if (value instanceof Date) return parseCalendarDate(value) ?? value;
  if (typeof value === 'string' && value.length > 10) {
    const instant = parseTimestamp(value);
    if (instant && instant.getTime() % 86_400_000 === 0)
      return instant.toISOString().slice(0, 10);
  }
  return value;
}

const numberOf = (value: unknown) =>
  typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())
    ? Number(value)
    : value;

/**
 * A Mission as people naturally write it in YAML, in the form the schema asks for, where the
 * meaning is clear: an unquoted date (`reviewBy: 2027-03-31`, which a YAML parser may turn into a
 * Date, and JSON then into `2027-03-31T00:00:00.000Z`) is that day; an unquoted year
 * (`horizon: 2027`) is text; a quoted number (`target: '4.5'`) is a number. Anything else is left
 * for validation to report. Other kinds are returned as they are.
 *
 * @public
 */
export function normalizeMissionEntity(entity: Entity): Entity {
  if (!isMissionEntity(entity) || typeof entity.spec !== 'object')
    return entity;
  const spec: Record<string, any> = { ...entity.spec };
  if (spec.reviewBy !== undefined) spec.reviewBy = dayOf(spec.reviewBy);
  if (typeof spec.horizon === 'number') spec.horizon = String(spec.horizon);
  if (Array.isArray(spec.successMetrics)) {
    spec.successMetrics = spec.successMetrics.map((metric: unknown) => {
      if (typeof metric !== 'object' || metric === null) return metric;
      const m: Record<string, unknown> = { ...metric };
      if (m.measuredAt !== undefined) m.measuredAt = dayOf(m.measuredAt);
      if (m.target !== undefined) m.target = numberOf(m.target);
      if (m.current !== undefined) m.current = numberOf(m.current);
      return m;
    });
  }
  return { ...entity, spec } as Entity;
}
