import type { GuardrailDefinition } from '@aligned-autonomy/plugin-autonomy-common';
import { guardrailDef } from '../../testUtils/guardrailFixtures';
import { compileGuardrails } from './compileGuardrails';
import type { RuleOperator } from './operators';

const LEVELS = ['bronze', 'silver', 'gold'];

const def = (id: string, extra: Partial<GuardrailDefinition> = {}) =>
  guardrailDef(id, { fact: 'entity.kind', equals: 'component' }, extra);

const operator = (
  name: string,
  extra: Partial<RuleOperator> = {},
): RuleOperator => ({
  name,
  validateParam: () => undefined,
  test: () => true,
  describe: () => name,
  ...extra,
});

describe('compileGuardrails', () => {
  it('compiles each definition with its level index, filter and grace date', () => {
    const compiled = compileGuardrails({
      levels: LEVELS,
      sources: [],
      definitions: [
        def('a'),
        def('b', {
          level: 'gold',
          appliesTo: { kind: ['api'] },
          mode: 'grace',
          enforcedFrom: '2027-01-15',
        }),
      ],
    });
    expect(compiled.levels).toEqual(LEVELS);
    expect(compiled.guardrails.map(g => g.definition.id)).toEqual(['a', 'b']);
    expect(compiled.guardrails.map(g => g.levelIndex)).toEqual([0, 2]);
    expect(compiled.guardrails[0].enforcedFromMs).toBeUndefined();
    expect(compiled.guardrails[1].enforcedFromMs).toBe(
      Date.parse('2027-01-15T00:00:00Z'),
    );
    const api = { ref: 'api:default/x', kind: 'api', title: 'x' };
    expect(compiled.guardrails[0].applies(api)).toBe(true);
    expect(compiled.guardrails[1].applies(api)).toBe(true);
    expect(compiled.guardrails[1].applies({ ...api, kind: 'component' })).toBe(
      false,
    );
  });

  it('adds module operators to the built-in ones', () => {
    const compiled = compileGuardrails({
      levels: LEVELS,
      sources: [],
      operators: [operator('semverAtLeast')],
      definitions: [
        def('a', { rule: { fact: 'entity.type', semverAtLeast: '1.0.0' } }),
      ],
    });
    expect(compiled.guardrails).toHaveLength(1);
  });

  it('rejects an operator defined twice, or redefining a built-in one', () => {
    expect(() =>
      compileGuardrails({
        levels: LEVELS,
        sources: [],
        operators: [operator('equals')],
        definitions: [],
      }),
    ).toThrow('Rule operator "equals" is defined twice');
    expect(() =>
      compileGuardrails({
        levels: LEVELS,
        sources: [],
        operators: [operator('x'), operator('x')],
        definitions: [],
      }),
    ).toThrow('Rule operator "x" is defined twice');
  });

  it('names the config key and the guardrail of a broken rule', () => {
    expect(() =>
      compileGuardrails({
        levels: LEVELS,
        sources: [],
        definitions: [
          def('fine'),
          def('broken', {
            rule: { not: { fact: 'owner.isTeam', equal: true } },
          }),
        ],
      }),
    ).toThrow(
      /^Invalid configuration at autonomy\.guardrails\.definitions\[1\]\.rule\.not\.equal \(guardrail "broken"\): unknown operator "equal"/,
    );
    expect(() =>
      compileGuardrails({
        levels: LEVELS,
        sources: [],
        definitions: [def('broken', { rule: { all: [] } as any })],
      }),
    ).toThrow(
      /^Invalid configuration at autonomy\.guardrails\.definitions\[0\]\.rule\.all \(guardrail "broken"\)/,
    );
  });

  it('names the config key when a module operator throws while the rule is compiled', () => {
    const fragile = operator('fragile', {
      validateParam: () => {
        throw new Error('cannot read the parameter');
      },
    });
    expect(() =>
      compileGuardrails({
        levels: LEVELS,
        sources: [],
        operators: [fragile],
        definitions: [
          def('uses-fragile', { rule: { fact: 'entity.kind', fragile: 1 } }),
        ],
      }),
    ).toThrow(
      /^Invalid configuration at autonomy\.guardrails\.definitions\[0\]\.rule.*cannot read the parameter/,
    );
  });
});
