export * from './MissionEntityV1alpha1';
export { missionEntityV1alpha1Schema } from './missionSchema';
export { validateMissionEntity, isCalendarDate } from './validateMission';
export * from './relations';
