import type { Entity } from '@backstage/catalog-model';
import {
  isMissionEntity,
  type MissionEntityV1alpha1,
} from './MissionEntityV1alpha1';
import {
  missionEntityV1alpha1Schema,
  missionSpecSchema,
} from './missionSchema';
import { createKindValidator } from '../kinds/createKindValidator';
import { dayOf, refProblem } from '../kinds/kindValidation';

const validateMission = createKindValidator<MissionEntityV1alpha1>({
  kind: 'Mission',
  isKind: isMissionEntity,
  entitySchema: missionEntityV1alpha1Schema,
  specSchema: missionSpecSchema,
  checkSpec(spec, list, namespace) {
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
  },
});

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
  return validateMission(entity);
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
