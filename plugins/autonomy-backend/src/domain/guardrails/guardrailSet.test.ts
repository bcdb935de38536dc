import { guardrailDef } from '../../testUtils/guardrailFixtures';
import { buildGuardrailSet, type CatalogGuardrail } from './guardrailSet';

const NOW = '2026-11-26T10:00:00.000Z';
const LATER = '2026-11-27T10:00:00.000Z';

const config = [
  guardrailDef(
    'tier1-chaos',
    { fact: 'chaos.passRate', greaterThanOrEqual: 0.95 },
    { type: 'required', source: 'config' },
  ),
];
const catalogGuardrail = (
  id: string,
  type: 'required' | 'recommended' | 'team',
  extra: Partial<ReturnType<typeof guardrailDef>> = {},
): CatalogGuardrail => ({
  entityRef: `guardrail:default/${id}`,
  problems: [],
  definition: guardrailDef(
    id,
    { fact: 'entity.annotations.backstage.io/techdocs-ref', exists: true },
    {
      type,
      source: 'catalog',
      ownerRef: 'group:default/platform',
      entityRef: `guardrail:default/${id}`,
      ...extra,
    },
  ),
});
const team = (name: string, annotations: Record<string, string>) => ({
  ref: `group:default/${name}`,
  kind: 'group',
  annotations,
});

const build = (input: Partial<Parameters<typeof buildGuardrailSet>[0]> = {}) =>
  buildGuardrailSet({
    config,
    catalog: [],
    declaring: [],
    ruleProblem: () => undefined,
    now: NOW,
    ...input,
  });

describe('buildGuardrailSet', () => {
  it('puts app-config and valid catalog guardrails together; app-config wins an id clash', () => {
    const set = build({
      catalog: [
        catalogGuardrail('api-docs', 'recommended'),
        catalogGuardrail('tier1-chaos', 'recommended'),
      ],
    });
    expect(set.definitions.map(d => [d.id, d.source, d.type])).toEqual([
      ['tier1-chaos', 'config', 'required'],
      ['api-docs', 'catalog', 'recommended'],
    ]);
    expect(set.problems).toEqual([
      {
        guardrailId: 'tier1-chaos',
        entityRef: 'guardrail:default/tier1-chaos',
        message:
          'guardrail id "tier1-chaos" is already an app-config guardrail, which wins; this entity does not apply',
      },
    ]);
  });

  it('keeps the last valid version of a guardrail that became invalid, saying so', () => {
    const before = build({
      catalog: [catalogGuardrail('api-docs', 'recommended')],
    });
    const invalid: CatalogGuardrail = {
      entityRef: 'guardrail:default/api-docs',
      problems: ['spec.rationale.why is required'],
    };
    const after = build({ catalog: [invalid], previous: before });
    expect(after.definitions.map(d => d.id)).toEqual([
      'tier1-chaos',
      'api-docs',
    ]);
    expect(after.problems).toEqual([
      {
        guardrailId: 'api-docs',
        entityRef: 'guardrail:default/api-docs',
        message:
          'spec.rationale.why is required; its last valid version keeps applying',
      },
    ]);
    // A rule that does not compile here counts as invalid too; one never valid does not apply.
    const broken = build({
      catalog: [catalogGuardrail('new-one', 'team')],
      ruleProblem: d =>
        d.id === 'new-one' ? 'spec.rule.fact: unknown fact' : undefined,
    });
    expect(broken.definitions.map(d => d.id)).toEqual(['tier1-chaos']);
    expect(broken.problems[0].message).toBe(
      'spec.rule.fact: unknown fact; it does not apply until it is valid',
    );
  });

  it('takes an opt-out of a recommended guardrail, recorded with the team and when it was first seen', () => {
    const catalog = [catalogGuardrail('api-docs', 'recommended')];
    const declaring = [
      team('checkout', {
        'aligned-autonomy.io/opt-out.api-docs':
          'Internal APIs only; see the wiki.',
      }),
    ];
    const first = build({ catalog, declaring });
    expect(first.optOuts).toEqual([
      {
        guardrailId: 'api-docs',
        teamRef: 'group:default/checkout',
        declaredOn: 'group:default/checkout',
        reason: 'Internal APIs only; see the wiki.',
        since: NOW,
      },
    ]);
    const next = build({ catalog, declaring, previous: first, now: LATER });
    expect(next.optOuts[0].since).toBe(NOW);
  });

  it('refuses opting out of a required guardrail or a team standard', () => {
    const set = build({
      catalog: [catalogGuardrail('own-bar', 'team')],
      declaring: [
        team('checkout', {
          'aligned-autonomy.io/opt-out.tier1-chaos':
            'We would rather not, thanks.',
          'aligned-autonomy.io/opt-out.own-bar': 'Someone else set this bar.',
        }),
      ],
    });
    expect(set.optOuts).toEqual([]);
    expect(set.problems.map(p => p.message)).toEqual([
      'aligned-autonomy.io/opt-out.tier1-chaos: "tier1-chaos" is a required guardrail; only recommended ones can be opted out of',
      'aligned-autonomy.io/opt-out.own-bar: "own-bar" is a team guardrail; only recommended ones can be opted out of',
    ]);
  });

  it('takes a tightening of an organisation guardrail and refuses one that loosens it', () => {
    const tight = build({
      declaring: [
        team('payments', {
          'aligned-autonomy.io/tighten.tier1-chaos':
            'chaos.passRate greaterThanOrEqual 0.99',
        }),
        team('search', {
          'aligned-autonomy.io/tighten.tier1-chaos':
            'chaos.passRate greaterThanOrEqual 0.5',
        }),
      ],
    });
    expect(tight.tightenings).toEqual([
      {
        guardrailId: 'tier1-chaos',
        teamRef: 'group:default/payments',
        fact: 'chaos.passRate',
        operator: 'greaterThanOrEqual',
        value: 0.99,
        since: NOW,
      },
    ]);
    expect(tight.problems).toEqual([
      {
        guardrailId: 'tier1-chaos',
        entityRef: 'group:default/search',
        message:
          'aligned-autonomy.io/tighten.tier1-chaos: 0.5 would loosen the guardrail: it asks chaos.passRate greaterThanOrEqual 0.95, and a team may only tighten it',
      },
    ]);
  });

  it('an opt-out on one entity covers that entity, for its owning team', () => {
    const set = build({
      catalog: [catalogGuardrail('api-docs', 'recommended')],
      declaring: [
        {
          ref: 'api:default/internal-events',
          kind: 'api',
          ownerRef: 'group:default/checkout',
          annotations: {
            'aligned-autonomy.io/opt-out.api-docs':
              'Consumed by the team only.',
          },
        },
      ],
    });
    expect(set.optOuts).toEqual([
      expect.objectContaining({
        teamRef: 'group:default/checkout',
        entityRef: 'api:default/internal-events',
      }),
    ]);
  });
});
