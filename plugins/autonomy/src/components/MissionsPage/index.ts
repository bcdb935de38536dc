export { MissionsContent } from './MissionsPage';
export { buildMissionForest } from './MissionTree';
/** The org page was the missions page; it is now tabbed, and keeps this name working. */
export { AutonomyPage as MissionsPage } from '../AutonomyPage';
