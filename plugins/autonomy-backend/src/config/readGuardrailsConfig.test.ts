import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigReader } from '@backstage/config';
// The demo app-config is YAML; yaml is installed at the repository root.
import { parse } from 'yaml';
import { compileGuardrails } from '../domain/guardrails/compileGuardrails';
import { evaluateEntity } from '../domain/guardrails/evaluate';
import { pushedFacts } from '../domain/guardrails/facts';
import {
  GuardrailConfigError,
  readGuardrailsConfig,
} from './readGuardrailsConfig';

const read = (guardrails: unknown) =>
  readGuardrailsConfig(new ConfigReader({ autonomy: { guardrails } } as any));

const minimal = (extra: Record<string, unknown> = {}) => ({
  id: 'owner-is-team',
  title: 'Owned by a team',
  rationale: { why: 'Teams outlive people.' },
  rule: { fact: 'owner.isTeam', equals: true },
  level: 'bronze',
  ...extra,
});

/** The error read() throws, checked to be a GuardrailConfigError. */
function configError(guardrails: unknown): GuardrailConfigError {
  try {
    read(guardrails);
  } catch (e) {
    expect(e).toBeInstanceOf(GuardrailConfigError);
    return e as GuardrailConfigError;
  }
  throw new Error('expected a GuardrailConfigError, but the config was read');
}

describe('readGuardrailsConfig', () => {
  it('has defaults when nothing is configured', () => {
    const expected = {
      levels: ['bronze', 'silver', 'gold'],
      definitions: [],
      sources: [],
      exemptions: { maxDays: 90 },
      history: { retentionDays: 400 },
    };
    expect(readGuardrailsConfig(new ConfigReader({}))).toEqual(expected);
    expect(readGuardrailsConfig(new ConfigReader({ autonomy: {} }))).toEqual(
      expected,
    );
    expect(read({})).toEqual(expected);
    expect(read({ exemptions: {}, history: {} })).toEqual(expected);
  });

  it('reads a full definition', () => {
    const config = read({
      levels: ['basic', 'advanced'],
      exemptions: { maxDays: 30 },
      history: { retentionDays: 100 },
      facts: [
        {
          id: 'chaos',
          description: 'Chaos experiments',
          maxAgeDays: 30,
          fields: { lastRunAt: 'datetime', passRate: 'number' },
        },
      ],
      definitions: [
        {
          id: 'tier1-recent-chaos-test',
          title: 'Recent chaos test',
          description: 'Pushed by the resilience pipeline.',
          rationale: {
            why: 'Fault tolerance is only known when tested.',
            risk: 'Failover fails in the first outage.',
            evidenceUrl: 'https://example.com/adr/12',
            owner: 'group:default/sre-enablement',
            howToFix: 'Run the chaos pipeline.',
            howToAppeal: 'Ask SRE Enablement.',
          },
          appliesTo: { kind: 'component', tier: ['1'], tags: ['pci'] },
          rule: {
            all: [
              { fact: 'chaos.lastRunAt', newerThanDays: 30 },
              { fact: 'chaos.passRate', greaterThanOrEqual: 0.95 },
            ],
          },
          level: 'advanced',
          weight: 2,
          enforcedFrom: '2027-01-15',
        },
        minimal({ level: 'basic', mode: 'warning' }),
      ],
    });
    expect(config.levels).toEqual(['basic', 'advanced']);
    expect(config.exemptions).toEqual({ maxDays: 30 });
    expect(config.history).toEqual({ retentionDays: 100 });
    expect(config.sources).toEqual([
      {
        id: 'chaos',
        description: 'Chaos experiments',
        maxAgeDays: 30,
        fields: { lastRunAt: 'datetime', passRate: 'number' },
      },
    ]);
    expect(config.definitions[0]).toEqual({
      id: 'tier1-recent-chaos-test',
      title: 'Recent chaos test',
      description: 'Pushed by the resilience pipeline.',
      rationale: {
        why: 'Fault tolerance is only known when tested.',
        risk: 'Failover fails in the first outage.',
        evidenceUrl: 'https://example.com/adr/12',
        ownerRef: 'group:default/sre-enablement',
        howToFix: 'Run the chaos pipeline.',
        howToAppeal: 'Ask SRE Enablement.',
      },
      appliesTo: { kind: ['component'], tier: ['1'], tags: ['pci'] },
      rule: {
        all: [
          { fact: 'chaos.lastRunAt', newerThanDays: 30 },
          { fact: 'chaos.passRate', greaterThanOrEqual: 0.95 },
        ],
      },
      level: 'advanced',
      weight: 2,
      mode: 'grace',
      enforcedFrom: '2027-01-15',
      // Every app-config guardrail is a required organisation guardrail.
      type: 'required',
      source: 'config',
      ownerRef: 'group:default/sre-enablement',
    });
    expect(config.definitions[1]).toMatchObject({
      id: 'owner-is-team',
      appliesTo: {},
      level: 'basic',
      weight: 1,
      mode: 'warning',
    });
    expect(config.definitions[1].enforcedFrom).toBeUndefined();
    expect(config.definitions[1].rationale.ownerRef).toBeUndefined();
  });

  it('defaults a definition to enforced, weight 1, applying to everything', () => {
    expect(read({ definitions: [minimal()] }).definitions[0]).toMatchObject({
      appliesTo: {},
      weight: 1,
      mode: 'enforced',
    });
  });

  describe('errors name the exact key', () => {
    it.each([
      [
        'an unknown level',
        { definitions: [minimal(), minimal({ id: 'b', level: 'platinum' })] },
        'autonomy.guardrails.definitions[1].level',
        /unknown level "platinum" \(levels: bronze, silver, gold\)/,
      ],
      [
        'a level of custom levels that is not one of them',
        { levels: ['basic'], definitions: [minimal()] },
        'autonomy.guardrails.definitions[0].level',
        /unknown level "bronze" \(levels: basic\)/,
      ],
      [
        'a duplicate id (at the second definition)',
        { definitions: [minimal(), minimal()] },
        'autonomy.guardrails.definitions[1].id',
        /duplicate guardrail id "owner-is-team"/,
      ],
      [
        'an invalid id',
        { definitions: [minimal({ id: 'Owner Is Team' })] },
        'autonomy.guardrails.definitions[0].id',
        /lower-case letters, digits and dashes/,
      ],
      [
        'a missing why',
        { definitions: [minimal({ rationale: { risk: 'x' } })] },
        'autonomy.guardrails.definitions[0].rationale.why',
        /./,
      ],
      [
        'an empty why',
        { definitions: [minimal({ rationale: { why: '' } })] },
        'autonomy.guardrails.definitions[0].rationale.why',
        /./,
      ],
      [
        'an evidenceUrl that is not a URL',
        {
          definitions: [
            minimal({ rationale: { why: 'x', evidenceUrl: 'the wiki' } }),
          ],
        },
        'autonomy.guardrails.definitions[0].rationale.evidenceUrl',
        /./,
      ],
      [
        'an empty title',
        { definitions: [{ ...minimal(), title: '' }] },
        'autonomy.guardrails.definitions[0].title',
        /./,
      ],
      [
        'a bad enforcedFrom date',
        { definitions: [minimal({ enforcedFrom: '2027-02-30' })] },
        'autonomy.guardrails.definitions[0].enforcedFrom',
        /must be a calendar date YYYY-MM-DD/,
      ],
      [
        'enforcedFrom on a warning-only guardrail',
        {
          definitions: [
            minimal({ mode: 'warning', enforcedFrom: '2027-01-15' }),
          ],
        },
        'autonomy.guardrails.definitions[0].enforcedFrom',
        /a warning-only guardrail is never enforced/,
      ],
      [
        'an unknown mode',
        { definitions: [minimal({ mode: 'grace' })] },
        'autonomy.guardrails.definitions[0].mode',
        /./,
      ],
      [
        'a weight that is not positive',
        { definitions: [minimal({ weight: 0 })] },
        'autonomy.guardrails.definitions[0].weight',
        /./,
      ],
      [
        'an unknown appliesTo field',
        { definitions: [minimal({ appliesTo: { owner: 'x' } })] },
        'autonomy.guardrails.definitions[0].appliesTo',
        /"owner"/,
      ],
      [
        'a rule that is not an object',
        { definitions: [minimal({ rule: 'owner.isTeam' })] },
        'autonomy.guardrails.definitions[0].rule',
        /./,
      ],
      [
        'a bad fact field type',
        {
          facts: [{ id: 'chaos', maxAgeDays: 30, fields: { x: 'integer' } }],
        },
        'autonomy.guardrails.facts[0].fields.x',
        /./,
      ],
      [
        'a bad fact field type in the long form',
        {
          facts: [
            {
              id: 'chaos',
              maxAgeDays: 30,
              fields: { x: { type: 'integer', min: 0 } },
            },
          ],
        },
        'autonomy.guardrails.facts[0].fields.x.type',
        /./,
      ],
      [
        'an unknown key in a long-form fact field',
        {
          facts: [
            {
              id: 'chaos',
              maxAgeDays: 30,
              fields: { x: { type: 'number', mni: 0 } },
            },
          ],
        },
        'autonomy.guardrails.facts[0].fields.x',
        /"mni"/,
      ],
      [
        'a range on a field that is not a number',
        {
          facts: [
            {
              id: 'chaos',
              maxAgeDays: 30,
              fields: { x: { type: 'string', max: 3 } },
            },
          ],
        },
        'autonomy.guardrails.facts[0].fields.x',
        /min and max apply to numbers/,
      ],
      [
        'a min above the max',
        {
          facts: [
            {
              id: 'chaos',
              maxAgeDays: 30,
              fields: { x: { type: 'number', min: 1, max: 0 } },
            },
          ],
        },
        'autonomy.guardrails.facts[0].fields.x.min',
        /min 1 is greater than max 0/,
      ],
      [
        'allowed values on a number',
        {
          facts: [
            {
              id: 'chaos',
              maxAgeDays: 30,
              fields: { x: { type: 'number', enum: ['1'] } },
            },
          ],
        },
        'autonomy.guardrails.facts[0].fields.x.enum',
        /apply to string and string-array fields/,
      ],
      [
        'an empty list of allowed values',
        {
          facts: [
            {
              id: 'chaos',
              maxAgeDays: 30,
              fields: { x: { type: 'string', enum: [] } },
            },
          ],
        },
        'autonomy.guardrails.facts[0].fields.x.enum',
        /./,
      ],
      [
        'a bad fact field name',
        {
          facts: [
            { id: 'chaos', maxAgeDays: 30, fields: { 'pass-rate': 'number' } },
          ],
        },
        'autonomy.guardrails.facts[0].fields.pass-rate',
        /field names are letters, digits and _/,
      ],
      [
        'a missing maxAgeDays',
        { facts: [{ id: 'chaos', fields: { x: 'number' } }] },
        'autonomy.guardrails.facts[0].maxAgeDays',
        /./,
      ],
      [
        'a duplicate fact source',
        {
          facts: [
            { id: 'chaos', maxAgeDays: 30, fields: { x: 'number' } },
            { id: 'chaos', maxAgeDays: 10, fields: { y: 'number' } },
          ],
        },
        'autonomy.guardrails.facts[1].id',
        /duplicate fact source "chaos"/,
      ],
      [
        'an invalid level name',
        { levels: ['Bronze'] },
        'autonomy.guardrails.levels[0]',
        /./,
      ],
      ['no levels', { levels: [] }, 'autonomy.guardrails.levels', /./],
      [
        'a maxDays that is not a positive integer',
        { exemptions: { maxDays: 1.5 } },
        'autonomy.guardrails.exemptions.maxDays',
        /./,
      ],
    ])('%s', (_what, guardrails, key, problem) => {
      const error = configError(guardrails);
      expect(error.name).toBe('GuardrailConfigError');
      expect(
        error.message.startsWith(`Invalid configuration at ${key}: `),
      ).toBe(true);
      expect(
        error.message.slice(`Invalid configuration at ${key}: `.length),
      ).toMatch(problem);
    });

    it('an unknown top-level key', () => {
      const error = configError({ definitions: [], defintions: [minimal()] });
      expect(error.message).toMatch(
        /^Invalid configuration at autonomy\.guardrails\b/,
      );
      expect(error.message).toContain('"defintions"');
    });

    it('an unknown key in a definition', () => {
      const error = configError({
        definitions: [minimal({ severity: 'high' })],
      });
      expect(error.message).toMatch(
        /^Invalid configuration at autonomy\.guardrails\.definitions\[0\]:/,
      );
      expect(error.message).toContain('"severity"');
    });
  });

  describe('compiled with compileGuardrails', () => {
    const compileConfig = (guardrails: unknown) =>
      compileGuardrails({ ...read(guardrails) });

    it('reports a broken rule at autonomy.guardrails.definitions[i].rule.<path>', () => {
      expect(() =>
        compileConfig({
          definitions: [
            minimal(),
            minimal({
              id: 'second',
              rule: { all: [{ fact: 'owner.isTeem', equals: true }] },
            }),
          ],
        }),
      ).toThrow(
        /^Invalid configuration at autonomy\.guardrails\.definitions\[1\]\.rule\.all\[0\]\.fact \(guardrail "second"\): unknown fact "owner\.isTeem"/,
      );
    });

    it('reports a rule problem at the rule root', () => {
      expect(() =>
        compileConfig({
          definitions: [minimal({ rule: { fact: 'owner.isTeam' } })],
        }),
      ).toThrow(
        /^Invalid configuration at autonomy\.guardrails\.definitions\[0\]\.rule \(guardrail "owner-is-team"\): a fact condition needs exactly one operator/,
      );
    });

    it('reports a misspelt operator', () => {
      expect(() =>
        compileConfig({
          definitions: [
            minimal({
              rule: { any: [{ fact: 'entity.linkCount', greaterThen: 1 }] },
            }),
          ],
        }),
      ).toThrow(
        /at autonomy\.guardrails\.definitions\[0\]\.rule\.any\[0\]\.greaterThen /,
      );
    });

    it('reads fact fields in the short and the long form', () => {
      const fields = {
        passRate: { type: 'number', min: 0, max: 1 },
        stage: { type: 'string', enum: ['build', 'deploy'] },
        lastRunAt: 'datetime',
      };
      expect(
        read({ facts: [{ id: 'chaos', maxAgeDays: 30, fields }] }).sources[0]
          .fields,
      ).toEqual(fields);
      expect(() =>
        compileConfig({
          facts: [{ id: 'chaos', maxAgeDays: 30, fields }],
          definitions: [
            minimal({ rule: { fact: 'chaos.passRate', greaterThan: 0.9 } }),
          ],
        }),
      ).not.toThrow();
    });

    it('checks pushed facts against the declared sources', () => {
      const facts = [
        { id: 'chaos', maxAgeDays: 30, fields: { passRate: 'number' } },
      ];
      expect(() =>
        compileConfig({
          facts,
          definitions: [
            minimal({ rule: { fact: 'chaos.passRate', greaterThan: 0.9 } }),
          ],
        }),
      ).not.toThrow();
      expect(() =>
        compileConfig({
          facts,
          definitions: [
            minimal({ rule: { fact: 'chaos.lastRunAt', newerThanDays: 30 } }),
          ],
        }),
      ).toThrow(/definitions\[0\]\.rule\.fact .*declares no field "lastRunAt"/);
    });
  });

  describe('the demo configuration in app-config.yaml', () => {
    const appConfig = parse(
      readFileSync(resolve(__dirname, '../../../../app-config.yaml'), 'utf8'),
    );

    it('reads and compiles without error', () => {
      const config = readGuardrailsConfig(
        new ConfigReader({ autonomy: appConfig.autonomy }),
      );
      expect(config.definitions.length).toBeGreaterThan(0);
      expect(config.levels).toEqual(['bronze', 'silver', 'gold']);
      const compiled = compileGuardrails({ ...config });
      expect(compiled.guardrails).toHaveLength(config.definitions.length);
      expect(compiled.guardrails.every(g => g.levelIndex >= 0)).toBe(true);
    });

    it('scores a well-kept tier-1 service as the demo intends', () => {
      const config = readGuardrailsConfig(
        new ConfigReader({ autonomy: appConfig.autonomy }),
      );
      const compiled = compileGuardrails({ ...config });
      const now = Date.parse('2026-11-21T12:00:00Z');
      const evaluation = evaluateEntity(compiled, {
        node: {
          ref: 'component:default/checkout-api',
          kind: 'component',
          title: 'checkout-api',
          specType: 'service',
          lifecycle: 'production',
          ownerRef: 'group:default/checkout',
          annotations: {
            'aligned-autonomy.io/tier': '1',
            'aligned-autonomy.io/runbook': 'https://runbooks.example.com',
            'aligned-autonomy.io/on-call': 'checkout-primary',
            'backstage.io/techdocs-ref': 'dir:.',
            'aligned-autonomy.io/slo': '99.95',
          },
        },
        owner: {
          ref: 'group:default/checkout',
          kind: 'group',
          title: 'checkout',
          specType: 'team',
        },
        // The boundary analysis found no cross-team violations for it.
        derived: { 'boundaries.violations': 0, 'boundaries.contractGaps': 0 },
        mission: {
          entityRef: 'component:default/checkout-api',
          kind: 'component',
          title: 'checkout-api',
          chainRefs: ['mission:default/m', 'mission:default/north-star'],
          resolution: {
            missionRef: 'mission:default/m',
            via: 'owner',
            sourceRef: 'group:default/checkout',
          },
        },
        pushed: new Map([
          [
            'chaos',
            pushedFacts(
              { lastRunAt: '2026-11-10T00:00:00Z', passRate: 0.97 },
              '2026-11-10T00:00:00Z',
            ),
          ],
        ]),
        now,
      });
      const states = Object.fromEntries(
        (evaluation?.results ?? []).map(r => [r.guardrailId, r.state]),
      );
      expect(states).toEqual({
        'owner-is-team': 'pass',
        'has-lifecycle': 'pass',
        'has-mission': 'pass',
        'has-runbook-and-on-call': 'pass',
        'has-techdocs': 'pass',
        'no-boundary-violations': 'pass',
        'tier1-has-slo': 'pass',
        'tier1-recent-chaos-test': 'pass',
      });
      expect(evaluation?.levelIndex).toBe(2);
      expect(evaluation?.score).toBe(100);
    });
  });
});
