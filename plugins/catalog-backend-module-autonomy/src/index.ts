/**
 * Catalog module of Aligned Autonomy: the Mission, Guardrail and Campaign kinds, the team API of
 * groups and the annotations teams write to opt out of or tighten guardrails.
 *
 * @packageDocumentation
 */
export { catalogModuleAutonomy as default } from './module';
export {
  AutonomyKindProcessor,
  type AutonomyKind,
} from './processor/AutonomyKindProcessor';
export { MissionEntitiesProcessor } from './processor/MissionEntitiesProcessor';
export { CampaignEntitiesProcessor } from './processor/CampaignEntitiesProcessor';
export {
  RELATION_INTERACTED_WITH_BY,
  RELATION_INTERACTS_WITH,
  TeamApiProcessor,
} from './processor/TeamApiProcessor';
export { GuardrailEntitiesProcessor } from './processor/GuardrailEntitiesProcessor';
export { GuardrailAnnotationsProcessor } from './processor/GuardrailAnnotationsProcessor';
export type { OrganisationGuardrails } from './processor/organisationGuardrails';
