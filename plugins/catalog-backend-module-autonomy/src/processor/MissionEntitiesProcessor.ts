import {
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  processingResult,
  type CatalogProcessor,
  type CatalogProcessorEmit,
  type LocationSpec,
} from '@backstage/plugin-catalog-node';
import {
  isMissionEntity,
  normalizeMissionEntity,
  RELATION_SERVED_BY_MISSION,
  RELATION_SERVES_MISSION,
  validateMissionEntity,
} from '@aligned-autonomy/plugin-autonomy-common';
import { emitBothWays, emitOwnership } from './emitRelations';

/**
 * Validates `Mission` entities against their schema and emits their relations in both
 * directions: mission ↔ owning group, mission ↔ parent mission.
 *
 * Whether the owner or parent exists, and whether parents form a cycle, needs the whole catalog;
 * the autonomy backend reports those from its analysis.
 *
 * @public
 */
export class MissionEntitiesProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'MissionEntitiesProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    // What people naturally write in YAML (an unquoted date or year), in the form the schema asks.
    return normalizeMissionEntity(entity);
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    // Throws a TypeError naming every invalid field; the catalog records it on the entity.
    return validateMissionEntity(entity) !== false;
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isMissionEntity(entity)) return entity;
    const self = getCompoundEntityRef(entity);
    emitOwnership(emit, self, entity.spec.owner);
    if (entity.spec.parent) {
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
    return entity;
  }
}
