import type { GuardrailDefinition } from '@aligned-autonomy/plugin-autonomy-common';
import type { CatalogNode } from '../catalogSnapshot';
import { guardrailDef } from '../../testUtils/guardrailFixtures';
import { compileGuardrails } from './compileGuardrails';
import { evaluateEntity } from './evaluate';
import { pushedFacts, type FactContext, type FactSourceSchema } from './facts';
import { BUILT_IN_OPERATORS, type RuleOperator } from './operators';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(NOW - days * DAY_MS).toISOString();
const LEVELS = ['bronze', 'silver', 'gold'];

const chaos: FactSourceSchema = {
  id: 'chaos',
  maxAgeDays: 30,
  fields: { lastRunAt: 'datetime', passRate: 'number' },
};

const def = guardrailDef;

const compile = (
  definitions: GuardrailDefinition[],
  operators?: RuleOperator[],
) =>
  compileGuardrails({
    levels: LEVELS,
    definitions,
    sources: [chaos],
    operators,
  });

const service: CatalogNode = {
  ref: 'component:default/checkout-api',
  kind: 'component',
  title: 'checkout-api',
  specType: 'service',
  lifecycle: 'experimental',
  annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
};

const ctx = (extra: Partial<FactContext> = {}): FactContext => ({
  node: service,
  now: NOW,
  ...extra,
});

const PASS = { fact: 'entity.kind', equals: 'component' };
const FAIL = { fact: 'entity.lifecycle', equals: 'production' };
const UNKNOWN = { fact: 'chaos.passRate', greaterThanOrEqual: 0.95 };
const FAIL_MESSAGE = `expected entity.lifecycle ${BUILT_IN_OPERATORS.find(
  o => o.name === 'equals',
)!.describe('production')}, but it is "experimental"`;
const UNKNOWN_MESSAGE = 'chaos.passRate is unknown (missing or stale)';

const byId = (evaluation: ReturnType<typeof evaluateEntity>) =>
  Object.fromEntries((evaluation?.results ?? []).map(r => [r.guardrailId, r]));

describe('evaluateEntity', () => {
  it('evaluates the applicable guardrails, in definition order', () => {
    const evaluation = evaluateEntity(
      compile([
        def('passes', PASS),
        def('fails', FAIL, { level: 'silver' }),
        def('api-only', PASS, { appliesTo: { kind: ['api'] } }),
        def('unknown', UNKNOWN, { level: 'gold' }),
      ]),
      ctx(),
    );
    expect(evaluation?.entityRef).toBe('component:default/checkout-api');
    expect(evaluation?.results.map(r => [r.guardrailId, r.state])).toEqual([
      ['passes', 'pass'],
      ['fails', 'fail'],
      ['unknown', 'unknown'],
    ]);
    expect(byId(evaluation).passes.message).toBeUndefined();
    expect(byId(evaluation).fails.message).toBe(FAIL_MESSAGE);
    expect(byId(evaluation).unknown.message).toBe(UNKNOWN_MESSAGE);
    expect(evaluation?.levelIndex).toBe(0);
    expect(evaluation?.blockingNext).toEqual(['fails']);
    expect(evaluation?.counts.pass).toBe(1);
    expect(evaluation?.counts['not-applicable']).toBe(0);
    expect(evaluation?.score).toBe(33.3);
  });

  it('returns undefined when no guardrail applies', () => {
    const compiled = compile([
      def('api-only', PASS, { appliesTo: { kind: ['api'] } }),
    ]);
    expect(evaluateEntity(compiled, ctx())).toBeUndefined();
    expect(evaluateEntity(compile([]), ctx())).toBeUndefined();
  });

  describe('exemptions', () => {
    it('override the rule and carry the exemption id', () => {
      const compiled = compile([def('fails', FAIL), def('passes', PASS)]);
      const evaluation = evaluateEntity(
        compiled,
        ctx(),
        new Map([['fails', { id: 'ex-1', expiresAt: '2027-01-01T00:00:00Z' }]]),
      );
      const fails = byId(evaluation).fails;
      expect(fails.state).toBe('exempt');
      expect(fails.exemptionId).toBe('ex-1');
      expect(fails.message).toMatch(/^Exempt until 2027-01-01\b/);
      expect(byId(evaluation).passes.exemptionId).toBeUndefined();
      // Both sit at bronze, the only level with a guardrail for the entity.
      expect(evaluation?.levelIndex).toBe(0);
      expect(evaluation?.score).toBe(100);
    });

    it('cover unknown facts too, and the facts are still observed', () => {
      const evaluation = evaluateEntity(
        compile([def('unknown', UNKNOWN)]),
        ctx(),
        new Map([['unknown', { id: 'ex-2', expiresAt: '2027-01-01' }]]),
      );
      expect(byId(evaluation).unknown.state).toBe('exempt');
      expect(byId(evaluation).unknown.facts).toEqual([
        { id: 'chaos.passRate', value: null, source: 'pushed', unknown: true },
      ]);
    });

    it('only cover their own guardrail', () => {
      const evaluation = evaluateEntity(
        compile([def('fails', FAIL)]),
        ctx(),
        new Map([['other', { id: 'ex-3', expiresAt: '2027-01-01' }]]),
      );
      expect(byId(evaluation).fails.state).toBe('fail');
    });
  });

  describe('warning-only guardrails', () => {
    const compiled = compile([
      def('fails', FAIL, { mode: 'warning' }),
      def('unknown', UNKNOWN, { mode: 'warning' }),
      def('passes', PASS, { mode: 'warning' }),
    ]);

    it('turn fail and unknown into warnings that say so', () => {
      const evaluation = evaluateEntity(compiled, ctx());
      expect(byId(evaluation).fails).toMatchObject({
        state: 'warning',
        message: `${FAIL_MESSAGE} (warning only)`,
      });
      expect(byId(evaluation).unknown).toMatchObject({
        state: 'warning',
        message: `${UNKNOWN_MESSAGE} (warning only)`,
      });
      expect(byId(evaluation).passes.state).toBe('pass');
    });

    it('never block a level', () => {
      const evaluation = evaluateEntity(compiled, ctx());
      // Bronze rests on the guardrail that passes; the warnings beside it do not hold it back.
      expect(evaluation?.levelIndex).toBe(0);
      expect(evaluation?.failingGuardrailIds).toEqual([]);
    });
  });

  describe('grace period', () => {
    const compiled = compile([
      def('fails', FAIL, { mode: 'grace', enforcedFrom: '2027-01-15' }),
      def('unknown', UNKNOWN, { mode: 'grace', enforcedFrom: '2027-01-15' }),
    ]);

    it('turns fail and unknown into warnings before enforcedFrom', () => {
      const evaluation = evaluateEntity(compiled, ctx());
      expect(byId(evaluation).fails).toMatchObject({
        state: 'warning',
        message: `${FAIL_MESSAGE} (enforced from 2027-01-15)`,
      });
      expect(byId(evaluation).unknown).toMatchObject({
        state: 'warning',
        message: `${UNKNOWN_MESSAGE} (enforced from 2027-01-15)`,
      });
      // Nothing blocks, but nothing is met either: a level needs a guardrail met at it.
      expect(evaluation?.failingGuardrailIds).toEqual([]);
      expect(evaluation?.levelIndex).toBe(-1);
      expect(evaluation?.score).toBe(0);
    });

    it('is over from the start of enforcedFrom (UTC)', () => {
      const lastMoment = Date.parse('2027-01-14T23:59:59.999Z');
      expect(
        byId(evaluateEntity(compiled, ctx({ now: lastMoment }))).fails.state,
      ).toBe('warning');
      const evaluation = evaluateEntity(
        compiled,
        ctx({ now: Date.parse('2027-01-15T00:00:00Z') }),
      );
      expect(byId(evaluation).fails).toMatchObject({
        state: 'fail',
        message: FAIL_MESSAGE,
      });
      expect(byId(evaluation).unknown).toMatchObject({
        state: 'unknown',
        message: UNKNOWN_MESSAGE,
      });
      expect(evaluation?.levelIndex).toBe(-1);
    });
  });

  describe('a rule that throws', () => {
    const explodes: RuleOperator = {
      name: 'explodes',
      validateParam: () => undefined,
      test: () => {
        throw new Error('boom');
      },
      describe: () => 'explodes',
    };

    it('is an error for that guardrail only; the others are still evaluated', () => {
      const evaluation = evaluateEntity(
        compile(
          [
            def('before', FAIL),
            def('broken', { fact: 'entity.kind', explodes: true }),
            def('after', PASS),
          ],
          [explodes],
        ),
        ctx(),
      );
      expect(evaluation?.results.map(r => [r.guardrailId, r.state])).toEqual([
        ['before', 'fail'],
        ['broken', 'error'],
        ['after', 'pass'],
      ]);
      expect(byId(evaluation).broken.message).toBe(
        'The rule failed to evaluate: boom',
      );
      expect(evaluation?.counts.error).toBe(1);
      expect(evaluation?.score).toBe(50);
    });

    it('is reported, never thrown, when only its wording (describe) throws', () => {
      // A module's operator whose describe() breaks must neither stop start-up with a bare error
      // nor break the entity's other guardrails: either compileGuardrails names the config key,
      // or that guardrail alone is an error.
      const badWords: RuleOperator = {
        name: 'badWords',
        validateParam: () => undefined,
        test: () => false,
        describe: () => {
          throw new Error('no words');
        },
      };
      const outcome = () => {
        let compiled;
        try {
          compiled = compile(
            [
              def('broken', { fact: 'entity.kind', badWords: 1 }),
              def('after', PASS),
            ],
            [badWords],
          );
        } catch (e) {
          return `start-up: ${(e as Error).message}`;
        }
        let evaluation;
        try {
          evaluation = evaluateEntity(compiled, ctx());
        } catch (e) {
          return `evaluation threw: ${(e as Error).message}`;
        }
        return (evaluation?.results ?? [])
          .map(r => `${r.guardrailId}=${r.state}`)
          .join(' ');
      };
      expect(outcome()).toMatch(
        /^(start-up: Invalid configuration at autonomy\.guardrails\.definitions\[0\]\.rule\b.*no words|broken=error after=pass)$/,
      );
    });
  });

  describe('fact observations', () => {
    const compiled = compile([
      def('chaos', {
        all: [
          { fact: 'chaos.lastRunAt', newerThanDays: 30 },
          { fact: 'chaos.passRate', greaterThanOrEqual: 0.95 },
        ],
      }),
      def('docs', {
        all: [
          {
            fact: 'entity.annotations.backstage.io/techdocs-ref',
            exists: true,
          },
          {
            fact: 'entity.annotations.aligned-autonomy.io/runbook',
            exists: true,
          },
          { fact: 'entity.lifecycle', notEquals: 'deprecated' },
        ],
      }),
    ]);

    it('list catalog values, with null for an absent value', () => {
      const evaluation = evaluateEntity(compiled, ctx());
      expect(byId(evaluation).docs.facts).toEqual([
        {
          id: 'entity.annotations.backstage.io/techdocs-ref',
          value: 'dir:.',
          source: 'catalog',
        },
        {
          id: 'entity.annotations.aligned-autonomy.io/runbook',
          value: null,
          source: 'catalog',
        },
        { id: 'entity.lifecycle', value: 'experimental', source: 'catalog' },
      ]);
    });

    it('list fresh pushed values with observedAt', () => {
      const observedAt = daysAgo(2);
      const evaluation = evaluateEntity(
        compiled,
        ctx({
          pushed: new Map([
            [
              'chaos',
              pushedFacts(
                { lastRunAt: daysAgo(3), passRate: 0.97 },
                observedAt,
              ),
            ],
          ]),
        }),
      );
      expect(byId(evaluation).chaos.state).toBe('pass');
      expect(byId(evaluation).chaos.facts).toEqual([
        {
          id: 'chaos.lastRunAt',
          value: daysAgo(3),
          source: 'pushed',
          observedAt,
        },
        { id: 'chaos.passRate', value: 0.97, source: 'pushed', observedAt },
      ]);
    });

    it('flag stale and missing pushed facts as unknown', () => {
      const observedAt = daysAgo(45);
      const evaluation = evaluateEntity(
        compiled,
        ctx({
          pushed: new Map([
            ['chaos', pushedFacts({ passRate: 0.97 }, observedAt)],
          ]),
        }),
      );
      expect(byId(evaluation).chaos.state).toBe('unknown');
      expect(byId(evaluation).chaos.facts).toEqual([
        {
          id: 'chaos.lastRunAt',
          value: null,
          source: 'pushed',
          observedAt,
          unknown: true,
        },
        {
          id: 'chaos.passRate',
          value: null,
          source: 'pushed',
          observedAt,
          unknown: true,
        },
      ]);
    });
  });
});
