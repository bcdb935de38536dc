export * from './MissionEntityV1alpha1';
export {
  MISSION_TEXT_MAX_LENGTH,
  missionEntityV1alpha1Schema,
} from './missionSchema';
export {
  normalizeMissionEntity,
  validateMissionEntity,
} from './validateMission';
export * from './relations';
