/**
 * Relation from a mission to the mission it serves (`spec.parent`).
 * @public
 */
export const RELATION_SERVES_MISSION = 'servesMission';
/**
 * Reverse of {@link RELATION_SERVES_MISSION}: from a mission to the missions that serve it.
 * @public
 */
export const RELATION_SERVED_BY_MISSION = 'servedByMission';
