import type { Entity } from '@backstage/catalog-model';
import {
  normalizeCampaignEntity,
  validateCampaignEntity,
} from './validateCampaign';

const campaign = (spec: Record<string, unknown>): Entity => ({
  apiVersion: 'aligned-autonomy.io/v1alpha1',
  kind: 'Campaign',
  metadata: { name: 'tier1-slos', title: 'Tier-1 SLOs' },
  spec: {
    owner: 'group:sre-enablement',
    why: 'Tier-1 outages cost the most.',
    guardrails: ['tier1-has-slo'],
    deadline: '2027-03-31',
    ...spec,
  },
});

const problemsOf = (entity: Entity) => {
  try {
    validateCampaignEntity(entity);
    return [];
  } catch (e) {
    return (e as Error).message.replace(/^[^:]*: /, '').split('; ');
  }
};

describe('validateCampaignEntity', () => {
  it('accepts a campaign with targets and leaves other kinds alone', () => {
    const valid = campaign({
      targets: {
        teams: ['group:default/checkout', 'payments'],
        kinds: ['component'],
        tiers: ['1'],
        entities: ['component:default/checkout-api'],
      },
    });
    expect(validateCampaignEntity(valid)).toBe(valid);
    expect(
      validateCampaignEntity({
        apiVersion: 'aligned-autonomy.io/v1alpha1',
        kind: 'Mission',
        metadata: { name: 'm' },
      }),
    ).toBe(false);
  });

  it('names every invalid field at once', () => {
    expect(
      problemsOf(
        campaign({
          owner: 'user:maya',
          deadline: '2027-02-30',
          guardrails: ['Tier1 SLO'],
          targets: {
            teams: ['component:x'],
            entities: ['checkout-api'],
            colour: ['red'],
          },
        }),
      ),
    ).toEqual([
      'spec.guardrails[0] must match ^[a-z][a-z0-9-]*$',
      'spec.targets.colour is not a known field',
      'spec.owner must reference a group, got "user:maya"',
      'spec.deadline is not a calendar date: "2027-02-30"',
      'spec.targets.teams[0] must reference a group, got "component:x"',
      'spec.targets.entities[0] must be a reference with its kind, e.g. component:default/name, got "checkout-api"',
    ]);
  });

  it('requires owner, why, guardrails and deadline', () => {
    expect(
      problemsOf({
        apiVersion: 'aligned-autonomy.io/v1alpha1',
        kind: 'Campaign',
        metadata: { name: 'empty' },
        spec: {},
      }),
    ).toEqual([
      'spec.owner is required',
      'spec.why is required',
      'spec.guardrails is required',
      'spec.deadline is required',
    ]);
    expect(problemsOf(campaign({ guardrails: [] }))).toEqual([
      'spec.guardrails must NOT have fewer than 1 items',
    ]);
  });

  it('reads an unquoted YAML deadline and numeric tiers as meant', () => {
    const normalized = normalizeCampaignEntity(
      campaign({
        deadline: new Date('2027-03-31T00:00:00Z'),
        targets: { tiers: [1, '2'] },
      }),
    );
    expect(normalized.spec).toMatchObject({
      deadline: '2027-03-31',
      targets: { tiers: ['1', '2'] },
    });
    expect(validateCampaignEntity(normalized)).toBeTruthy();
  });
});
