import type { GuardrailDefinition } from '@aligned-autonomy/plugin-autonomy-common';
import type { CatalogNode } from '../catalogSnapshot';
import { guardrailDef } from '../../testUtils/guardrailFixtures';
import { compileGuardrails } from './compileGuardrails';
import {
  anyGuardrailChecks,
  evaluateEntity,
  evaluateOutcome,
} from './evaluate';
import type { FactContext } from './facts';

/**
 * How guardrail kinds, opt-outs and tightenings combine for one entity: what the evaluation of
 * a team's services does with what teams declared.
 */
const NOW = Date.parse('2026-11-26T10:00:00Z');

const slo = (value: string, owner: string, name = 'svc'): CatalogNode => ({
  ref: `component:default/${name}`,
  kind: 'component',
  title: name,
  ownerRef: `group:default/${owner}`,
  annotations: { 'aligned-autonomy.io/slo': value },
});
const ctx = (node: CatalogNode): FactContext => ({
  node,
  provided: new Map(),
  now: NOW,
});

const required = guardrailDef(
  'has-slo',
  {
    fact: 'entity.annotations.aligned-autonomy.io/slo',
    greaterThanOrEqual: 99,
  },
  { type: 'required' },
);
const recommended = guardrailDef(
  'has-lifecycle',
  { fact: 'entity.lifecycle', exists: true },
  { type: 'recommended' },
);
const standard = guardrailDef(
  'payments-five-nines',
  {
    fact: 'entity.annotations.aligned-autonomy.io/slo',
    greaterThanOrEqual: 99.999,
  },
  { type: 'team', ownerRef: 'group:default/payments' },
);

const compile = (
  definitions: GuardrailDefinition[],
  declared: Pick<
    Parameters<typeof compileGuardrails>[0],
    'optOuts' | 'tightenings'
  > = {},
) =>
  compileGuardrails({
    levels: ['bronze', 'silver', 'gold'],
    sources: [],
    definitions,
    ...declared,
  });

const statesOf = (compiled: ReturnType<typeof compile>, node: CatalogNode) =>
  Object.fromEntries(
    (evaluateEntity(compiled, ctx(node))?.results ?? []).map(r => [
      r.guardrailId,
      r.optOut ? `opted out: ${r.state}` : r.state,
    ]),
  );

describe('guardrail kinds, opt-outs and tightening, per entity', () => {
  it('a team standard applies to what its owner owns and never outside the team', () => {
    const compiled = compile([required, standard]);
    expect(statesOf(compiled, slo('99.9', 'payments'))).toEqual({
      'has-slo': 'pass',
      'payments-five-nines': 'fail',
    });
    expect(statesOf(compiled, slo('99.9', 'search'))).toEqual({
      'has-slo': 'pass',
    });
    // Without an owner a standard applies to nothing.
    expect(
      statesOf(compile([{ ...standard, ownerRef: undefined }]), slo('1', 'x')),
    ).toEqual({});
  });

  it('an opt-out of a recommended guardrail is shown as such and counts in neither the level nor the score', () => {
    const optOut = {
      guardrailId: 'has-lifecycle',
      teamRef: 'group:default/search',
      declaredOn: 'group:default/search',
      reason: 'Lifecycle lives in our deploy tool.',
      since: '2026-11-20T00:00:00.000Z',
    };
    const compiled = compile([required, recommended], { optOuts: [optOut] });
    const evaluation = evaluateEntity(compiled, ctx(slo('99.9', 'search')))!;
    expect(evaluation.results).toEqual([
      expect.objectContaining({ guardrailId: 'has-slo', state: 'pass' }),
      {
        guardrailId: 'has-lifecycle',
        state: 'not-applicable',
        facts: [],
        message:
          'Opted out by group:default/search: Lifecycle lives in our deploy tool.',
        optOut,
      },
    ]);
    expect(evaluation.score).toBe(100);
    // Another team's service still has to meet it.
    expect(statesOf(compiled, slo('99.9', 'payments'))).toEqual({
      'has-slo': 'pass',
      'has-lifecycle': 'fail',
    });
  });

  it("a tightening raises the bar for the team's services only", () => {
    const tightening = {
      guardrailId: 'has-slo',
      teamRef: 'group:default/payments',
      fact: 'entity.annotations.aligned-autonomy.io/slo',
      operator: 'greaterThanOrEqual' as const,
      value: 99.95,
      since: '2026-11-20T00:00:00.000Z',
    };
    const compiled = compile([required], { tightenings: [tightening] });
    const payments = evaluateEntity(compiled, ctx(slo('99.9', 'payments')))!;
    expect(payments.results[0]).toMatchObject({
      state: 'fail',
      tightened: tightening,
      message: expect.stringContaining('99.95'),
    });
    expect(statesOf(compiled, slo('99.9', 'search'))).toEqual({
      'has-slo': 'pass',
    });
  });

  it('a required guardrail cannot be loosened: a looser tightening is not applied', () => {
    const compiled = compile([required], {
      tightenings: [
        {
          guardrailId: 'has-slo',
          teamRef: 'group:default/payments',
          fact: 'entity.annotations.aligned-autonomy.io/slo',
          operator: 'greaterThanOrEqual',
          value: 90,
          since: '2026-11-20T00:00:00.000Z',
        },
      ],
    });
    expect(statesOf(compiled, slo('95', 'payments'))).toEqual({
      'has-slo': 'fail',
    });
  });

  it('what teams declared is part of the fingerprint: a change rewrites stored results', () => {
    const plain = compile([required, recommended]);
    const optedOut = compile([required, recommended], {
      optOuts: [
        {
          guardrailId: 'has-lifecycle',
          teamRef: 'group:default/search',
          declaredOn: 'group:default/search',
          reason: 'Lifecycle lives in our deploy tool.',
          since: '2026-11-20T00:00:00.000Z',
        },
      ],
    });
    expect(optedOut.fingerprint).not.toBe(plain.fingerprint);
    expect(compile([required, recommended]).fingerprint).toBe(
      plain.fingerprint,
    );
  });

  it('tells, from the entity alone, whether the evaluation checks anything: the same answer as evaluating it', () => {
    const optOut = {
      guardrailId: 'has-lifecycle',
      teamRef: 'group:default/search',
      declaredOn: 'group:default/search',
      reason: 'Lifecycle lives in our deploy tool.',
      since: '2026-11-20T00:00:00.000Z',
    };
    const sets = {
      'a team standard only': compile([standard]),
      'a recommended one, opted out by search': compile([recommended], {
        optOuts: [optOut],
      }),
      'required for APIs only': compile([
        { ...required, appliesTo: { kind: ['api'] } },
      ]),
    };
    const nodes = [slo('99', 'payments'), slo('99', 'search')];
    const answers = Object.entries(sets).map(([name, compiled]) => [
      name,
      nodes.map(node => anyGuardrailChecks(compiled, node)),
      nodes.map(node => evaluateOutcome(compiled, ctx(node)) !== undefined),
    ]);
    expect(answers).toEqual([
      ['a team standard only', [true, false], [true, false]],
      ['a recommended one, opted out by search', [true, false], [true, false]],
      ['required for APIs only', [false, false], [false, false]],
    ]);
  });
});
