export { MissionsPage, MissionsContent } from './MissionsPage';
export { buildMissionForest } from './MissionTree';
