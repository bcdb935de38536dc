import type { GuardrailDefinition } from '@aligned-autonomy/plugin-autonomy-common';
import type { CatalogNode } from '../catalogSnapshot';
import { compileFilter } from './compileFilter';
import { compileRule, RuleError, type CompiledRule } from './compileRule';
import type { FactSourceSchema } from './facts';
import { BUILT_IN_OPERATORS, type RuleOperator } from './operators';

export interface CompiledGuardrail {
  definition: GuardrailDefinition;
  levelIndex: number;
  applies(node: CatalogNode): boolean;
  rule: CompiledRule;
  /** Epoch ms from which failures count (grace period), or undefined. */
  enforcedFromMs?: number;
}

export interface CompiledGuardrails {
  levels: string[];
  guardrails: CompiledGuardrail[];
}

/**
 * Compiles every guardrail once. A broken rule is a start-up error naming its config key
 * (`autonomy.guardrails.definitions[i].rule.<path>`), so nothing half-configured runs.
 */
export function compileGuardrails(options: {
  levels: string[];
  definitions: GuardrailDefinition[];
  sources: FactSourceSchema[];
  operators?: RuleOperator[];
  providerIds?: string[];
}): CompiledGuardrails {
  const operators = new Map<string, RuleOperator>();
  for (const op of [...BUILT_IN_OPERATORS, ...(options.operators ?? [])]) {
    if (operators.has(op.name)) throw new Error(`Rule operator "${op.name}" is defined twice`);
    operators.set(op.name, op);
  }
  const compilerOptions = {
    operators,
    sources: new Map(options.sources.map(s => [s.id, s])),
    providerIds: new Set(options.providerIds ?? []),
  };
  const guardrails = options.definitions.map((definition, i) => {
    const key = `autonomy.guardrails.definitions[${i}].rule`;
    let rule: CompiledRule;
    try {
      rule = compileRule(definition.rule, compilerOptions);
    } catch (e) {
      if (e instanceof RuleError) {
        throw new Error(`Invalid configuration at ${e.path ? `${key}.${e.path}` : key} (guardrail "${definition.id}"): ${e.message}`);
      }
      throw e;
    }
    return {
      definition,
      levelIndex: options.levels.indexOf(definition.level),
      applies: compileFilter(definition.appliesTo),
      rule,
      enforcedFromMs: definition.enforcedFrom ? Date.parse(`${definition.enforcedFrom}T00:00:00Z`) : undefined,
    };
  });
  return { levels: options.levels, guardrails };
}
