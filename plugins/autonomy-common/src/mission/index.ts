export * from './MissionEntityV1alpha1';
export { missionEntityV1alpha1Schema } from './missionSchema';
export { validateMissionEntity } from './validateMission';
export * from './relations';
