export { EntityAutonomyContent } from './EntityAutonomyContent';
