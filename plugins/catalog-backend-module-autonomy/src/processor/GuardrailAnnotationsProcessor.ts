import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  processingResult,
  type CatalogProcessor,
  type CatalogProcessorEmit,
  type LocationSpec,
} from '@backstage/plugin-catalog-node';
import {
  readGuardrailAnnotations,
  tightenRule,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { OrganisationGuardrails } from './organisationGuardrails';

/**
 * Checks the annotations a team writes to own the how, on any entity (usually its Group):
 * `aligned-autonomy.io/opt-out.<id>` and `aligned-autonomy.io/tighten.<id>`. A malformed value,
 * an opt-out of a required app-config guardrail and a tightening that would loosen one are
 * processing errors naming the annotation. Guardrails that are catalog entities are checked the
 * same way by the autonomy backend at each analysis, which sees them all.
 *
 * @public
 */
export class GuardrailAnnotationsProcessor implements CatalogProcessor {
  constructor(private readonly organisation: OrganisationGuardrails) {}

  getProcessorName(): string {
    return 'GuardrailAnnotationsProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const { optOuts, tightenings, problems } = readGuardrailAnnotations(
      entity.metadata.annotations,
    );
    const { rules } = this.organisation;
    for (const optOut of optOuts)
      if (rules.has(optOut.guardrailId))
        problems.push(
          `${optOut.annotation}: "${optOut.guardrailId}" is a required guardrail and cannot be opted out of; request an exemption with an expiry instead`,
        );
    for (const tightening of tightenings) {
      const rule = rules.get(tightening.guardrailId);
      const tightened = rule && tightenRule(rule, tightening);
      if (tightened && 'problem' in tightened)
        problems.push(`${tightening.annotation}: ${tightened.problem}`);
    }
    const self = stringifyEntityRef(entity);
    for (const problem of problems)
      emit(processingResult.inputError(location, `${self}: ${problem}`));
    return entity;
  }
}
