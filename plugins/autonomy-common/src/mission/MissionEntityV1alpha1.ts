import type { Entity } from '@backstage/catalog-model';
import type { MissionSuccessMetric } from '../schema/openapi/generated';

/** @public */
export const MISSION_API_VERSION = 'aligned-autonomy.io/v1alpha1';
/** @public */
export const MISSION_KIND = 'Mission';

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
