import type { Entity } from '@backstage/catalog-model';
import type { CampaignTargets } from '../schema/openapi/generated';
import { MISSION_API_VERSION } from '../mission/MissionEntityV1alpha1';

/** @public */
export const CAMPAIGN_KIND = 'Campaign';

/**
 * A campaign rolls out one or more guardrails to a set of teams or entities by a deadline: until
 * the deadline the guardrails are warnings for the targeted entities, from it they are enforced.
 *
 * @public
 */
export interface CampaignEntityV1alpha1 extends Entity {
  apiVersion: typeof MISSION_API_VERSION;
  kind: typeof CAMPAIGN_KIND;
  spec: {
    /** Entity reference of the owning Group. */
    owner: string;
    /** Why the campaign, in Markdown. */
    why: string;
    /** Ids of the guardrails rolled out. */
    guardrails: string[];
    /** Calendar date (YYYY-MM-DD) from which the guardrails are enforced for the targets. */
    deadline: string;
    /**
     * Which entities: listed `entities` always; besides them, those matching every other given
     * field (teams own them; kinds, types, tiers, tags). None: all the guardrails apply to.
     */
    targets?: CampaignTargets;
  };
}

/**
 * Type guard for Campaign entities; it checks apiVersion and kind, not the schema.
 * @public
 */
export function isCampaignEntity(
  entity: Entity | undefined,
): entity is CampaignEntityV1alpha1 {
  return (
    entity?.apiVersion === MISSION_API_VERSION && entity?.kind === CAMPAIGN_KIND
  );
}
