/**
 * Catalog module of Aligned Autonomy: the Mission kind.
 *
 * @packageDocumentation
 */
export { catalogModuleAutonomy as default } from './module';
export { MissionEntitiesProcessor } from './processor/MissionEntitiesProcessor';
