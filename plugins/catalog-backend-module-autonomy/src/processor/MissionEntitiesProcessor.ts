import {
  parseEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import {
  processingResult,
  type CatalogProcessorEmit,
  type LocationSpec,
} from '@backstage/plugin-catalog-node';
import {
  isMissionEntity,
  normalizeMissionEntity,
  RELATION_SERVED_BY_MISSION,
  RELATION_SERVES_MISSION,
  validateMissionEntity,
  type MissionEntityV1alpha1,
} from '@aligned-autonomy/plugin-autonomy-common';
import { AutonomyKindProcessor } from './AutonomyKindProcessor';
import { emitBothWays } from './emitRelations';

/**
 * Validates `Mission` entities against their schema and emits their relations in both
 * directions: mission ↔ owning group, mission ↔ parent mission.
 *
 * Whether the owner or parent exists, and whether parents form a cycle, needs the whole catalog;
 * the autonomy backend reports those from its analysis.
 *
 * @public
 */
export class MissionEntitiesProcessor extends AutonomyKindProcessor<MissionEntityV1alpha1> {
  constructor() {
    // What people naturally write in YAML (an unquoted date or year) is normalised to the form
    // the schema asks for.
    super({
      is: isMissionEntity,
      normalize: normalizeMissionEntity,
      validate: validateMissionEntity,
    });
  }

  getProcessorName(): string {
    return 'MissionEntitiesProcessor';
  }

  protected emitKindResults(
    entity: MissionEntityV1alpha1,
    self: CompoundEntityRef,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): void {
    if (!entity.spec.parent) return;
    const parent = parseEntityRef(entity.spec.parent, {
      defaultKind: 'mission',
      defaultNamespace: self.namespace,
    });
    if (stringifyEntityRef(parent) === stringifyEntityRef(self)) {
      emit(
        processingResult.inputError(
          location,
          `spec.parent of Mission ${self.name} refers to itself`,
        ),
      );
    } else {
      emitBothWays(
        emit,
        self,
        RELATION_SERVES_MISSION,
        RELATION_SERVED_BY_MISSION,
        parent,
      );
    }
  }
}
