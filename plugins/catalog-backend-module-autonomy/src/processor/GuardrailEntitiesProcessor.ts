import {
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import {
  processingResult,
  type CatalogProcessorEmit,
  type LocationSpec,
} from '@backstage/plugin-catalog-node';
import {
  isGuardrailEntity,
  normalizeGuardrailEntity,
  validateGuardrailEntity,
  type GuardrailEntityV1alpha1,
} from '@aligned-autonomy/plugin-autonomy-common';
import { AutonomyKindProcessor } from './AutonomyKindProcessor';
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
export class GuardrailEntitiesProcessor extends AutonomyKindProcessor<GuardrailEntityV1alpha1> {
  constructor(private readonly organisation: OrganisationGuardrails) {
    super({
      is: isGuardrailEntity,
      normalize: normalizeGuardrailEntity,
      validate: entity =>
        validateGuardrailEntity(entity, { levels: organisation.levels }),
    });
  }

  getProcessorName(): string {
    return 'GuardrailEntitiesProcessor';
  }

  protected emitKindResults(
    _entity: GuardrailEntityV1alpha1,
    self: CompoundEntityRef,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): void {
    if (this.organisation.rules.has(self.name))
      emit(
        processingResult.inputError(
          location,
          `${stringifyEntityRef(self)}: metadata.name "${
            self.name
          }" is already an app-config guardrail, which wins on an id clash; this entity does not apply (rename it)`,
        ),
      );
  }
}
