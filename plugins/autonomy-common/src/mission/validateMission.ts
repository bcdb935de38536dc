import {
  entityKindSchemaValidator,
  type Entity,
} from '@backstage/catalog-model';
import Ajv from 'ajv';
import {
  isMissionEntity,
  type MissionEntityV1alpha1,
} from './MissionEntityV1alpha1';
import {
  missionEntityV1alpha1Schema,
  missionSpecSchema,
} from './missionSchema';
import {
  dayOf,
  describeSchemaError,
  ProblemList,
  refProblem,
} from '../kinds/kindValidation';

// Compiled once at module load; the catalog calls validation for every entity it processes. The
// catalog's own validator stops at the first problem, so the spec is also checked on its own with
// every error collected; the whole-entity validator then checks the envelope.
const entityValidator = entityKindSchemaValidator<MissionEntityV1alpha1>(
  missionEntityV1alpha1Schema,
);
const specValidator = new Ajv({ allErrors: true }).compile(missionSpecSchema);

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
  const list = new ProblemList();
  if (typeof entity.spec !== 'object' || entity.spec === null) {
    list.add('spec is required');
  } else if (!specValidator(spec)) {
    list.add(...specValidator.errors!.map(e => describeSchemaError(e, 'spec')));
  }
  // What the schema cannot say, for the fields it found well formed.
  list.check('spec.owner', spec.owner, () =>
    refProblem(spec.owner, 'spec.owner', 'group', namespace),
  );
  list.check('spec.parent', spec.parent, () =>
    refProblem(spec.parent, 'spec.parent', 'mission', namespace),
  );
  list.checkDate('spec.reviewBy', spec.reviewBy);
  (Array.isArray(spec.successMetrics) ? spec.successMetrics : []).forEach(
    (metric: any, i: number) =>
      list.checkDate(
        `spec.successMetrics[${i}].measuredAt`,
        metric?.measuredAt,
      ),
  );
  const problems = list.problems;
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
