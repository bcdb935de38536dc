import { getCompoundEntityRef, type Entity } from '@backstage/catalog-model';
import type {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import {
  isCampaignEntity,
  normalizeCampaignEntity,
  validateCampaignEntity,
} from '@aligned-autonomy/plugin-autonomy-common';
import { emitOwnership } from './emitRelations';

/**
 * Validates `Campaign` entities against their schema (a processing error names every invalid
 * field) and emits their ownership in both directions: campaign ↔ owning group.
 *
 * Whether the guardrails it names exist is known to the autonomy backend, which shows unknown
 * ones on the campaign's page.
 *
 * @public
 */
export class CampaignEntitiesProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'CampaignEntitiesProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    // An unquoted deadline or tier, as YAML reads it, in the form the schema asks for.
    return normalizeCampaignEntity(entity);
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    return validateCampaignEntity(entity) !== false;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isCampaignEntity(entity)) return entity;
    emitOwnership(emit, getCompoundEntityRef(entity), entity.spec.owner);
    return entity;
  }
}
