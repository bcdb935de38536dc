import { createHash } from 'crypto';
import {
  tightenRule,
  type GuardrailDefinition,
  type GuardrailOptOut,
  type GuardrailTightening,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { CatalogNode } from '../catalogSnapshot';
import { compileFilter } from './compileFilter';
import { compileRule, RuleError, type CompiledRule } from './compileRule';
import type { FactGetter, FactSourceSchema } from './facts';
import { BUILT_IN_OPERATORS, type RuleOperator } from './operators';

/**
 * Part of the fingerprint: raise it when what is stored for the same outcome changes (the wording
 * of messages, the stored shape, the level rule), so every entity's results are written again once.
 * 2: a level needs a guardrail met at that level. 3: results stored as outcomes (storedOutcome.ts).
 */
const STORED_FORMAT = 3;

export interface CompiledGuardrail {
  definition: GuardrailDefinition;
  levelIndex: number;
  applies(node: CatalogNode): boolean;
  rule: CompiledRule;
  /** Epoch ms from which failures count (grace period), or undefined. */
  enforcedFromMs?: number;
  /** Whether its rule, or a team's tightened one, reads the clock (see operators.ts). */
  readsClock: boolean;
  /** Indexes of the rule's facts in {@link CompiledGuardrails.facts}. */
  factSlots: number[];
  /** A team standard applies only to what this group owns. */
  ownerOnly?: string;
  /** Opt-outs by the team ref or entity ref they cover. */
  optOuts?: Map<string, GuardrailOptOut>;
  /** Team-tightened rules by the team ref or entity ref they cover (same facts as `rule`). */
  tightened?: Map<
    string,
    { rule: CompiledRule; tightening: GuardrailTightening }
  >;
}

export interface CompiledGuardrails {
  levels: string[];
  guardrails: CompiledGuardrail[];
  /**
   * Every fact any rule reads, once: an entity's facts are observed once per entity and shared by
   * the results that show them, not once per result.
   */
  facts: FactGetter[];
  /** Changes whenever a definition or the levels change: stored results are then rewritten. */
  fingerprint: string;
  /**
   * The guardrails' ids and the fact of each slot: a stored outcome is put in words by any set
   * with its layout (the same definitions compiled under other levels or freshness limits).
   */
  layout: string;
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
  /** Teams' opt-outs of recommended guardrails (see guardrailSet.ts). */
  optOuts?: GuardrailOptOut[];
  /** Teams' stricter thresholds for organisation guardrails (see guardrailSet.ts). */
  tightenings?: GuardrailTightening[];
}): CompiledGuardrails {
  const operators = new Map<string, RuleOperator>();
  for (const op of [...BUILT_IN_OPERATORS, ...(options.operators ?? [])]) {
    if (operators.has(op.name))
      throw new Error(`Rule operator "${op.name}" is defined twice`);
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
      // A module's operator may throw while its parameter is prepared: still name the key.
      const where = e instanceof RuleError && e.path ? `${key}.${e.path}` : key;
      throw new Error(
        `Invalid configuration at ${where} (guardrail "${definition.id}"): ${
          (e as Error).message
        }`,
      );
    }
    const levelIndex = options.levels.indexOf(definition.level);
    if (levelIndex < 0) {
      throw new Error(
        `Invalid configuration at autonomy.guardrails.definitions[${i}].level: unknown level "${definition.level}"`,
      );
    }
    const decisions = teamDecisions(definition, options, r =>
      compileRule(r, compilerOptions),
    );
    return {
      definition,
      levelIndex,
      applies: compileFilter(definition.appliesTo),
      rule,
      enforcedFromMs: definition.enforcedFrom
        ? Date.parse(`${definition.enforcedFrom}T00:00:00Z`)
        : undefined,
      readsClock:
        rule.readsClock ||
        [...(decisions.tightened?.values() ?? [])].some(t => t.rule.readsClock),
      ...decisions,
    };
  });
  const facts: FactGetter[] = [];
  const slotOf = new Map<string, number>();
  const withSlots = guardrails.map(g => ({
    ...g,
    factSlots: g.rule.facts.map(getter => {
      let slot = slotOf.get(getter.id);
      if (slot === undefined) {
        slot = facts.push(getter) - 1;
        slotOf.set(getter.id, slot);
      }
      return slot;
    }),
  }));
  return {
    levels: options.levels,
    guardrails: withSlots,
    facts,
    layout: createHash('sha1')
      .update(
        JSON.stringify([
          STORED_FORMAT,
          options.definitions,
          facts.map(f => f.id),
          options.optOuts ?? [],
          options.tightenings ?? [],
        ]),
      )
      .digest('base64'),
    fingerprint: createHash('sha1')
      .update(
        JSON.stringify([
          STORED_FORMAT,
          options.levels,
          options.definitions,
          // How long pushed facts stay fresh and which providers answer change outcomes too.
          options.sources.map(source => [source.id, source.maxAgeDays]),
          [...(options.providerIds ?? [])].sort(),
          // What teams declared changes stored results too; absent for a set without any.
          ...(options.optOuts?.length || options.tightenings?.length
            ? [options.optOuts ?? [], options.tightenings ?? []]
            : []),
        ]),
      )
      .digest('base64'),
  };
}

/**
 * What teams decided about one guardrail: a team standard is its owner's alone; opt-outs and
 * tightenings are keyed by the team or entity they cover. Tightenings were checked when the set
 * was built (guardrailSet.ts); one that no longer applies to the rule is skipped.
 */
function teamDecisions(
  definition: GuardrailDefinition,
  options: {
    optOuts?: GuardrailOptOut[];
    tightenings?: GuardrailTightening[];
  },
  compile: (rule: GuardrailDefinition['rule']) => CompiledRule,
): Pick<CompiledGuardrail, 'ownerOnly' | 'optOuts' | 'tightened'> {
  const decided: Pick<
    CompiledGuardrail,
    'ownerOnly' | 'optOuts' | 'tightened'
  > = {};
  // A team standard without an owner applies to nothing ('' is nobody's ref).
  if (definition.type === 'team') decided.ownerOnly = definition.ownerRef ?? '';
  for (const optOut of options.optOuts ?? []) {
    if (optOut.guardrailId !== definition.id) continue;
    decided.optOuts ??= new Map();
    decided.optOuts.set(optOut.entityRef ?? optOut.teamRef, optOut);
  }
  for (const tightening of options.tightenings ?? []) {
    if (tightening.guardrailId !== definition.id) continue;
    const tightened = tightenRule(definition.rule, tightening);
    if ('problem' in tightened) continue;
    decided.tightened ??= new Map();
    decided.tightened.set(tightening.entityRef ?? tightening.teamRef, {
      rule: compile(tightened.rule),
      tightening,
    });
  }
  return decided;
}
