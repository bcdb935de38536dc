export { AutonomyPage } from './AutonomyPage';
export { BoundariesContent } from './BoundariesContent';
