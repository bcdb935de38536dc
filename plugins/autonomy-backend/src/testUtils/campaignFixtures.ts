import type { Entity } from '@backstage/catalog-model';
import type { CampaignTargets } from '@aligned-autonomy/plugin-autonomy-common';
import type { CampaignDefinition } from '../domain/campaigns/campaigns';

/** A Campaign entity as the catalog serves it, with its ownedBy relation. */
export function campaignEntity(
  name: string,
  spec: {
    owner?: string;
    guardrails: string[];
    deadline: string;
    targets?: CampaignTargets;
    title?: string;
  },
): Entity {
  const owner = spec.owner ?? 'group:default/platform';
  return {
    apiVersion: 'aligned-autonomy.io/v1alpha1',
    kind: 'Campaign',
    metadata: {
      name,
      namespace: 'default',
      ...(spec.title ? { title: spec.title } : {}),
    },
    spec: {
      owner,
      why: `Why ${name}`,
      guardrails: spec.guardrails,
      deadline: spec.deadline,
      ...(spec.targets ? { targets: spec.targets } : {}),
    },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

/** A campaign definition as the analysis keeps it. */
export function campaignDef(
  name: string,
  extra: Partial<CampaignDefinition> = {},
): CampaignDefinition {
  return {
    ref: `campaign:default/${name}`,
    title: name,
    ownerRef: 'group:default/platform',
    why: `Why ${name}`,
    guardrailIds: ['has-slo'],
    deadline: '2027-03-31',
    targets: {},
    ...extra,
  };
}
