import {
  entityKindSchemaValidator,
  parseEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { MissionEntityV1alpha1 } from './MissionEntityV1alpha1';
import { missionEntityV1alpha1Schema } from './missionSchema';
import { isCalendarDate } from '../dates';

// Compiled once at module load; the catalog calls validation for every entity it processes.
const schemaValidator = entityKindSchemaValidator<MissionEntityV1alpha1>(
  missionEntityV1alpha1Schema,
);

function checkRef(
  value: string,
  field: string,
  expectedKind: string,
  namespace: string,
): string | undefined {
  try {
    const ref = parseEntityRef(value, {
      defaultKind: expectedKind,
      defaultNamespace: namespace,
    });
    if (ref.kind.toLocaleLowerCase('en-US') !== expectedKind) {
      return `${field} must reference a ${expectedKind}, got "${value}"`;
    }
    return undefined;
  } catch {
    return `${field} is not a valid entity reference: "${value}"`;
  }
}

/**
 * Validates a Mission entity: the JSON schema first, then what a schema cannot say (the owner is
 * a Group, the parent a Mission, dates exist). Returns the entity typed, `false` when it is not a
 * Mission at all, and throws a TypeError naming every invalid field otherwise.
 *
 * @public
 */
export function validateMissionEntity(
  entity: Entity,
): MissionEntityV1alpha1 | false {
  const mission = schemaValidator(entity);
  if (!mission) return false;
  const namespace = mission.metadata.namespace ?? 'default';
  const { spec } = mission;
  const problems = [
    checkRef(spec.owner, 'spec.owner', 'group', namespace),
    spec.parent !== undefined
      ? checkRef(spec.parent, 'spec.parent', 'mission', namespace)
      : undefined,
    spec.reviewBy !== undefined && !isCalendarDate(spec.reviewBy)
      ? `spec.reviewBy is not a calendar date: "${spec.reviewBy}"`
      : undefined,
    ...(spec.successMetrics ?? []).map((metric, i) =>
      metric.measuredAt !== undefined && !isCalendarDate(metric.measuredAt)
        ? `spec.successMetrics[${i}].measuredAt is not a calendar date: "${metric.measuredAt}"`
        : undefined,
    ),
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0) {
    throw new TypeError(
      `Mission ${mission.metadata.name} is invalid: ${problems.join('; ')}`,
    );
  }
  return mission;
}
