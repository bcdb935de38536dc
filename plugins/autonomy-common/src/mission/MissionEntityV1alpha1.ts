import type { Entity } from '@backstage/catalog-model';

/** @public */
export const MISSION_API_VERSION = 'aligned-autonomy.io/v1alpha1';
/** @public */
export const MISSION_KIND = 'Mission';

/**
 * A measurable outcome that says what success looks like for a mission.
 * The current value comes either inline (`current` + `measuredAt`) or from a fact (`factId`).
 *
 * @public
 */
// A type alias, not an interface, so it stays assignable to the catalog's JsonObject.
export type MissionSuccessMetric = {
  name: string;
  target: number;
  unit?: string;
  direction: 'increase' | 'decrease';
  current?: number;
  /** ISO date (YYYY-MM-DD) the current value was measured. */
  measuredAt?: string;
  /** Id of a fact that supplies the current value. */
  factId?: string;
};

/**
 * A team mission: what we are solving, why now, and what success looks like, chained through
 * `spec.parent` up to the organisation's north star (the mission without a parent).
 *
 * @public
 */
export interface MissionEntityV1alpha1 extends Entity {
  apiVersion: typeof MISSION_API_VERSION;
  kind: typeof MISSION_KIND;
  spec: {
    /** Entity reference of the owning Group. */
    owner: string;
    /** What we are solving. Markdown. */
    statement: string;
    /** Why now. Markdown. */
    why: string;
    /** Entity reference of the mission this one serves; absent on the north star. */
    parent?: string;
    /** Free-form planning horizon, e.g. `2027` or `2026-H2`. */
    horizon?: string;
    /** ISO date (YYYY-MM-DD) by which the mission should be reviewed. */
    reviewBy?: string;
    successMetrics?: MissionSuccessMetric[];
  };
}

/**
 * Type guard for Mission entities; it checks apiVersion and kind, not the schema.
 * @public
 */
export function isMissionEntity(
  entity: Entity | undefined,
): entity is MissionEntityV1alpha1 {
  return (
    entity?.apiVersion === MISSION_API_VERSION && entity?.kind === MISSION_KIND
  );
}
