import type { CatalogNode } from '../catalogSnapshot';
import { buildSnapshot } from '../catalogSnapshot';
import { compileGuardrails } from '../guardrails/compileGuardrails';
import { evaluateEntity, evaluateOutcome } from '../guardrails/evaluate';
import { guardrailDef } from '../../testUtils/guardrailFixtures';
import { entity } from '../../testUtils/catalogFixtures';
import { campaignDef, campaignEntity } from '../../testUtils/campaignFixtures';
import { campaignGraceFor, campaignsOf, compileCampaigns } from './campaigns';

const node = (extra: Partial<CatalogNode> = {}): CatalogNode => ({
  ref: 'component:default/checkout-api',
  kind: 'component',
  title: 'Checkout API',
  specType: 'service',
  ownerRef: 'group:default/checkout',
  annotations: { 'aligned-autonomy.io/tier': '1' },
  tags: ['java'],
  ...extra,
});

const targets = (t: Parameters<typeof campaignDef>[1]) =>
  compileCampaigns([campaignDef('c', t)])[0].targets;

describe('campaign targets', () => {
  it('targets every entity without a filter', () => {
    expect(targets({ targets: {} })(node())).toBe(true);
  });

  it('needs every given field to match, any value of a list, without case', () => {
    const t = targets({
      targets: {
        teams: ['group:default/Checkout', 'group:default/payments'],
        kinds: ['Component'],
        tiers: ['1'],
      },
    });
    expect(t(node())).toBe(true);
    expect(t(node({ ownerRef: 'group:default/search' }))).toBe(false);
    expect(t(node({ ownerRef: undefined }))).toBe(false);
    expect(t(node({ annotations: { 'aligned-autonomy.io/tier': '2' } }))).toBe(
      false,
    );
    expect(t(node({ kind: 'api' }))).toBe(false);
    expect(targets({ targets: { tags: ['JAVA'] } })(node())).toBe(true);
    expect(targets({ targets: { types: ['website'] } })(node())).toBe(false);
  });

  it('always targets listed entities, and only them when nothing else is given', () => {
    const listed = targets({
      targets: { entities: ['component:default/checkout-api'] },
    });
    expect(listed(node())).toBe(true);
    expect(listed(node({ ref: 'component:default/other' }))).toBe(false);
    const listedOrTeam = targets({
      targets: {
        entities: ['component:default/legacy'],
        teams: ['group:default/search'],
      },
    });
    expect(listedOrTeam(node({ ref: 'component:default/legacy' }))).toBe(true);
    expect(listedOrTeam(node())).toBe(false);
    expect(listedOrTeam(node({ ownerRef: 'group:default/search' }))).toBe(true);
  });
});

describe('campaignGraceFor', () => {
  it('maps each rolled-out guardrail to the earliest deadline among the campaigns targeting the entity', () => {
    const campaigns = compileCampaigns([
      campaignDef('late', { guardrailIds: ['a', 'b'], deadline: '2027-06-01' }),
      campaignDef('early', { guardrailIds: ['b'], deadline: '2027-01-01' }),
      campaignDef('elsewhere', {
        guardrailIds: ['c'],
        targets: { teams: ['group:default/search'] },
      }),
    ]);
    const grace = campaignGraceFor(node(), campaigns)!;
    expect([...grace.keys()].sort()).toEqual(['a', 'b']);
    expect(grace.get('a')).toMatchObject({
      campaignRef: 'campaign:default/late',
      deadline: '2027-06-01',
    });
    expect(grace.get('b')).toMatchObject({
      campaignRef: 'campaign:default/early',
      deadlineMs: Date.parse('2027-01-01T00:00:00Z'),
    });
    expect(
      campaignGraceFor(node({ kind: 'api' }), compileCampaigns([])),
    ).toBeUndefined();
  });
});

describe('a campaign in the evaluation', () => {
  const compiled = compileGuardrails({
    levels: ['bronze'],
    definitions: [
      guardrailDef('has-slo', {
        fact: 'entity.lifecycle',
        equals: 'production',
      }),
      guardrailDef('owned', { fact: 'entity.kind', equals: 'component' }),
    ],
    sources: [],
  });
  const campaign = campaignDef('tier1-slos', {
    title: 'Tier-1 SLOs',
    deadline: '2027-03-31',
  });
  const grace = (c = campaign) =>
    campaignGraceFor(node(), compileCampaigns([c]));
  const at = (iso: string) => ({ node: node(), now: Date.parse(iso) });

  it('makes a failing guardrail a warning for the targets until the deadline', () => {
    const before = evaluateEntity(
      compiled,
      at('2027-03-30T23:59:59Z'),
      undefined,
      grace(),
    )!;
    expect(before.results[0]).toMatchObject({
      guardrailId: 'has-slo',
      state: 'warning',
    });
    expect(before.results[0].message).toMatch(
      /\(campaign Tier-1 SLOs: enforced from 2027-03-31\)$/,
    );
    // A warning does not block the level.
    expect(before.levelIndex).toBe(0);
  });

  it('enforces it from the deadline, even when the guardrail itself is warning-only', () => {
    const warningOnly = compileGuardrails({
      levels: ['bronze'],
      definitions: [
        guardrailDef(
          'has-slo',
          { fact: 'entity.lifecycle', equals: 'production' },
          { mode: 'warning' },
        ),
      ],
      sources: [],
    });
    const on = evaluateEntity(
      warningOnly,
      at('2027-03-31T00:00:00Z'),
      undefined,
      grace(),
    )!;
    expect(on.results[0].state).toBe('fail');
    expect(on.levelIndex).toBe(-1);
  });

  it('leaves entities it does not target, and passing guardrails, as they are', () => {
    const untargeted = evaluateEntity(compiled, at('2027-01-01T00:00:00Z'))!;
    expect(untargeted.results[0].state).toBe('fail');
    const passing = evaluateEntity(
      compiled,
      at('2027-01-01T00:00:00Z'),
      undefined,
      grace(),
    )!;
    expect(passing.results[1].state).toBe('pass');
  });

  it('changes the outcome signature when the campaign changes, so the stored row is rewritten', () => {
    const signature = (c?: typeof campaign) =>
      evaluateOutcome(
        compiled,
        at('2027-01-01T00:00:00Z'),
        undefined,
        c && grace(c),
      )!.signature;
    expect(signature(campaign)).not.toBe(signature());
    expect(signature({ ...campaign, deadline: '2027-04-30' })).not.toBe(
      signature(campaign),
    );
    expect(signature({ ...campaign })).toBe(signature(campaign));
  });
});

describe('campaignsOf', () => {
  it('reads team and entity references as written in full, in the campaign namespace', () => {
    const campaign = campaignEntity('short-refs', {
      guardrails: ['has-slo'],
      deadline: '2027-03-31',
      targets: {
        teams: ['checkout', 'group:shop/payments'],
        entities: ['api:checkout-api'],
      },
    });
    campaign.metadata.namespace = 'retail';
    const [definition] = campaignsOf(buildSnapshot([campaign]));
    expect(definition.targets).toEqual({
      teams: ['group:retail/checkout', 'group:shop/payments'],
      entities: ['api:retail/checkout-api'],
    });
    const targeted = compileCampaigns([definition])[0].targets;
    expect(targeted(node({ ownerRef: 'group:retail/checkout' }))).toBe(true);
    expect(
      targeted(node({ ref: 'api:retail/checkout-api', ownerRef: 'x' })),
    ).toBe(true);
  });

  it('reads the campaigns of the catalog snapshot with their owner', () => {
    const snapshot = buildSnapshot([
      entity('Component', 'checkout-api', { owner: 'checkout' }),
      campaignEntity('tier1-slos', {
        title: 'Tier-1 SLOs',
        guardrails: ['has-slo'],
        deadline: '2027-03-31',
        targets: { tiers: ['1'] },
      }),
    ]);
    expect(campaignsOf(snapshot)).toEqual([
      {
        ref: 'campaign:default/tier1-slos',
        title: 'Tier-1 SLOs',
        ownerRef: 'group:default/platform',
        why: 'Why tier1-slos',
        guardrailIds: ['has-slo'],
        deadline: '2027-03-31',
        targets: { tiers: ['1'] },
      },
    ]);
  });
});
