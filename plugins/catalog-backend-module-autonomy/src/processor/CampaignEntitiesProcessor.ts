import {
  isCampaignEntity,
  normalizeCampaignEntity,
  validateCampaignEntity,
  type CampaignEntityV1alpha1,
} from '@aligned-autonomy/plugin-autonomy-common';
import { AutonomyKindProcessor } from './AutonomyKindProcessor';

/**
 * Validates `Campaign` entities against their schema (a processing error names every invalid
 * field) and emits their ownership in both directions: campaign ↔ owning group.
 *
 * Whether the guardrails it names exist is known to the autonomy backend, which shows unknown
 * ones on the campaign's page.
 *
 * @public
 */
export class CampaignEntitiesProcessor extends AutonomyKindProcessor<CampaignEntityV1alpha1> {
  constructor() {
    // An unquoted deadline or tier, as YAML reads it, is normalised to the form the schema asks for.
    super({
      is: isCampaignEntity,
      normalize: normalizeCampaignEntity,
      validate: validateCampaignEntity,
    });
  }

  getProcessorName(): string {
    return 'CampaignEntitiesProcessor';
  }
}
