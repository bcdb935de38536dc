import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { CampaignTargets } from '@aligned-autonomy/plugin-autonomy-common';
import type { CatalogNode, CatalogSnapshot } from '../catalogSnapshot';
import { compileFilter } from '../guardrails/compileFilter';

/** A campaign as the analysis keeps it: plain data read from its catalog entity. */
export interface CampaignDefinition {
  ref: string;
  title: string;
  ownerRef: string;
  why: string;
  guardrailIds: string[];
  /** Calendar date from which the guardrails are enforced for the targets. */
  deadline: string;
  targets: CampaignTargets;
}

/** What a campaign changes for one guardrail of one targeted entity. */
export interface CampaignGrace {
  campaignRef: string;
  title: string;
  deadline: string;
  /** Epoch ms of the deadline (midnight UTC): enforced from then. */
  deadlineMs: number;
}

export interface CompiledCampaign {
  definition: CampaignDefinition;
  deadlineMs: number;
  /** Whether the campaign targets this entity (its guardrails may still not apply to it). */
  targets(node: CatalogNode): boolean;
}

const lowerSet = (values: string[] | undefined) =>
  new Set((values ?? []).map(v => v.toLocaleLowerCase('en-US')));

/** The targets filter as a predicate over catalog nodes. */
function compileTargets(targets: CampaignTargets) {
  const entities = lowerSet(targets.entities);
  const teams = lowerSet(targets.teams);
  const filter = compileFilter({
    kind: targets.kinds,
    type: targets.types,
    tier: targets.tiers,
    tags: targets.tags,
  });
  // Only listed entities: the other fields are absent, so nothing else is targeted.
  const onlyListed =
    entities.size > 0 &&
    !teams.size &&
    !targets.kinds?.length &&
    !targets.types?.length &&
    !targets.tiers?.length &&
    !targets.tags?.length;
  return (node: CatalogNode) => {
    if (entities.has(node.ref.toLocaleLowerCase('en-US'))) return true;
    if (onlyListed) return false;
    if (
      teams.size &&
      !(node.ownerRef && teams.has(node.ownerRef.toLocaleLowerCase('en-US')))
    )
      return false;
    return filter(node);
  };
}

export function compileCampaigns(
  definitions: CampaignDefinition[],
): CompiledCampaign[] {
  return definitions.map(definition => ({
    definition,
    deadlineMs: Date.parse(`${definition.deadline}T00:00:00Z`),
    targets: compileTargets(definition.targets),
  }));
}

/**
 * The per-entity decision: for each guardrail that a campaign targeting this entity rolls out,
 * the campaign whose deadline governs it. With several, the earliest deadline: once one campaign
 * is due, its guardrail is enforced.
 */
export function campaignGraceFor(
  node: CatalogNode,
  campaigns: CompiledCampaign[],
): Map<string, CampaignGrace> | undefined {
  let grace: Map<string, CampaignGrace> | undefined;
  for (const c of campaigns) {
    if (!c.targets(node)) continue;
    for (const id of c.definition.guardrailIds) {
      const current = grace?.get(id);
      if (current && current.deadlineMs <= c.deadlineMs) continue;
      grace ??= new Map();
      grace.set(id, {
        campaignRef: c.definition.ref,
        title: c.definition.title,
        deadline: c.definition.deadline,
        deadlineMs: c.deadlineMs,
      });
    }
  }
  return grace;
}

/**
 * A reference as written in a campaign (`checkout`, `group:checkout`) in full, in the campaign's
 * namespace: the form the catalog's relations use. The catalog module has validated it.
 */
function fullRef(ref: string, defaultKind: string, defaultNamespace: string) {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace }),
    );
  } catch {
    return ref;
  }
}

/** The campaigns among the catalog's entities, in reference order. */
export function campaignsOf(snapshot: CatalogSnapshot): CampaignDefinition[] {
  const campaigns: CampaignDefinition[] = [];
  for (const node of snapshot.values()) {
    if (!node.campaign) continue;
    const { namespace } = parseEntityRef(node.ref);
    const { teams, entities, ...filters } = node.campaign.targets ?? {};
    campaigns.push({
      ref: node.ref,
      title: node.title,
      ownerRef:
        node.ownerRef ?? fullRef(node.campaign.owner, 'group', namespace),
      why: node.campaign.why,
      guardrailIds: node.campaign.guardrails,
      deadline: node.campaign.deadline,
      targets: {
        ...filters,
        ...(teams
          ? { teams: teams.map(t => fullRef(t, 'group', namespace)) }
          : {}),
        ...(entities
          ? { entities: entities.map(e => fullRef(e, 'component', namespace)) }
          : {}),
      },
    });
  }
  return campaigns.sort((a, b) => a.ref.localeCompare(b.ref));
}
