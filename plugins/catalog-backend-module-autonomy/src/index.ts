/**
 * Catalog module of Aligned Autonomy: the Mission kind and the team API of groups.
 *
 * @packageDocumentation
 */
export { catalogModuleAutonomy as default } from './module';
export { MissionEntitiesProcessor } from './processor/MissionEntitiesProcessor';
export {
  RELATION_INTERACTED_WITH_BY,
  RELATION_INTERACTS_WITH,
  TeamApiProcessor,
} from './processor/TeamApiProcessor';
