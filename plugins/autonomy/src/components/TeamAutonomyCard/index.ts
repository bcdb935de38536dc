export { TeamAutonomyCard } from './TeamAutonomyCard';
export { TeamAutonomyView } from './TeamAutonomyView';
