import type { Entity } from '@backstage/catalog-model';
import {
  componentEntity,
  postProcessed,
  relatedBothWays,
} from '../testUtils/processorResults';
import { CampaignEntitiesProcessor } from './CampaignEntitiesProcessor';

const campaign = (spec: Record<string, unknown>): Entity => ({
  apiVersion: 'aligned-autonomy.io/v1alpha1',
  kind: 'Campaign',
  metadata: { name: 'tier1-slos', namespace: 'platform' },
  spec: {
    owner: 'sre-enablement',
    why: 'Tier-1 outages cost the most.',
    guardrails: ['tier1-has-slo'],
    deadline: '2027-03-31',
    ...spec,
  },
});

describe('CampaignEntitiesProcessor', () => {
  const processor = new CampaignEntitiesProcessor();

  it('validates campaigns and leaves other kinds to other processors', async () => {
    await expect(
      processor.validateEntityKind(campaign({ targets: { tiers: ['1'] } })),
    ).resolves.toBe(true);
    await expect(processor.validateEntityKind(componentEntity)).resolves.toBe(
      false,
    );
  });

  it('rejects an invalid campaign with an error naming each field', async () => {
    const error = await processor
      .validateEntityKind(
        campaign({ deadline: '31 March', owner: 'user:maya', extra: 1 }),
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe(
      'Campaign tier1-slos is invalid: spec.extra is not a known field; spec.deadline is not a calendar date YYYY-MM-DD; spec.owner must reference a group, got "user:maya"',
    );
  });

  it('reads an unquoted YAML deadline as that day', async () => {
    const entity = await processor.preProcessEntity(
      campaign({ deadline: new Date('2027-03-31T00:00:00Z') }),
    );
    expect(entity.spec?.deadline).toBe('2027-03-31');
    await expect(processor.validateEntityKind(entity)).resolves.toBe(true);
  });

  it('emits ownership both ways, in the campaign namespace', async () => {
    const self = {
      kind: 'Campaign',
      namespace: 'platform',
      name: 'tier1-slos',
    };
    const owner = {
      kind: 'group',
      namespace: 'platform',
      name: 'sre-enablement',
    };
    expect(await postProcessed(processor, campaign({}))).toEqual(
      relatedBothWays(self, 'ownedBy', 'ownerOf', owner),
    );
  });
});
