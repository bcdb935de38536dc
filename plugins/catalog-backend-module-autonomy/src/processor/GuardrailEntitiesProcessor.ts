import {
  getCompoundEntityRef,
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
  isGuardrailEntity,
  normalizeGuardrailEntity,
  validateGuardrailEntity,
} from '@aligned-autonomy/plugin-autonomy-common';
import { emitOwnership } from './emitRelations';
import type { OrganisationGuardrails } from './organisationGuardrails';

/**
 * Validates `Guardrail` entities against the definition schema shared with app-config and emits
 * `ownedBy`/`ownerOf` between a guardrail and its team. Levels are checked against
 * `autonomy.guardrails.levels`; the rule tree is checked by the autonomy backend, which knows the
 * operators and fact sources, at the next analysis (an invalid rule keeps the last valid version
 * applying).
 *
 * @public
 */
export class GuardrailEntitiesProcessor implements CatalogProcessor {
  constructor(private readonly organisation: OrganisationGuardrails) {}

  getProcessorName(): string {
    return 'GuardrailEntitiesProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    return normalizeGuardrailEntity(entity);
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    // Throws a TypeError naming every invalid field; the catalog records it on the entity.
    return (
      validateGuardrailEntity(entity, { levels: this.organisation.levels }) !==
      false
    );
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isGuardrailEntity(entity)) return entity;
    const self = getCompoundEntityRef(entity);
    emitOwnership(emit, self, entity.spec.owner);
    if (this.organisation.rules.has(self.name))
      emit(
        processingResult.inputError(
          location,
          `${stringifyEntityRef(self)}: metadata.name "${
            self.name
          }" is already an app-config guardrail, which wins on an id clash; this entity does not apply (rename it)`,
        ),
      );
    return entity;
  }
}
