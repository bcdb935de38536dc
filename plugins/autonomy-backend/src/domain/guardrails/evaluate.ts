import type {
  FactObservation,
  GuardrailResult,
  GuardrailState,
} from '@aligned-autonomy/plugin-autonomy-common';
import type {
  CompiledGuardrail,
  CompiledGuardrails,
} from './compileGuardrails';
import { observe, type FactContext } from './facts';
import { LevelTally, type LevelAndScore } from './levels';

export interface EntityEvaluation extends LevelAndScore {
  entityRef: string;
  /** Applicable guardrails only; absent ones are not applicable. */
  results: GuardrailResult[];
}

/** Active exemptions of one entity: guardrail id → exemption id. */
export type ActiveExemptions = Map<string, { id: string; expiresAt: string }>;

const PASS = { state: 'pass' as const };

function stateOf(
  g: CompiledGuardrail,
  ctx: FactContext,
): { state: GuardrailState; message?: string } {
  let outcome;
  try {
    outcome = g.rule.evaluate(ctx);
  } catch (e) {
    return {
      state: 'error',
      message: `The rule failed to evaluate: ${(e as Error).message}`,
    };
  }
  if (outcome === 'pass') return PASS;
  const explanation = g.rule.explain(ctx);
  // A guardrail that is not enforced (warning-only, or still in its grace period) never blocks a
  // level: whether it failed or its facts are unknown, it is a warning that says so.
  if (g.definition.mode === 'warning') {
    return { state: 'warning', message: `${explanation} (warning only)` };
  }
  if (g.enforcedFromMs !== undefined && ctx.now < g.enforcedFromMs) {
    return {
      state: 'warning',
      message: `${explanation} (enforced from ${g.definition.enforcedFrom})`,
    };
  }
  return { state: outcome, message: explanation };
}

/**
 * Evaluates every guardrail for one entity. Guardrails were compiled once; each fact of the
 * entity is observed at most once and the observation is shared by every result that shows it.
 * A throwing rule becomes `error` for that guardrail only.
 */
export function evaluateEntity(
  compiled: CompiledGuardrails,
  ctx: FactContext,
  exemptions?: ActiveExemptions,
): EntityEvaluation | undefined {
  const results: GuardrailResult[] = [];
  const tally = new LevelTally(compiled.levels.length);
  const observed: (FactObservation | undefined)[] = new Array(
    compiled.facts.length,
  );
  for (const g of compiled.guardrails) {
    if (!g.applies(ctx.node)) continue;
    const exemption = exemptions?.get(g.definition.id);
    const { state, message } = exemption
      ? {
          state: 'exempt' as const,
          message: `Exempt until ${exemption.expiresAt.slice(0, 10)}`,
        }
      : stateOf(g, ctx);
    const facts = new Array<FactObservation>(g.factSlots.length);
    for (let i = 0; i < facts.length; i++) {
      const slot = g.factSlots[i];
      facts[i] = observed[slot] ??= observe(compiled.facts[slot], ctx);
    }
    const result: GuardrailResult = {
      guardrailId: g.definition.id,
      state,
      facts,
    };
    if (message) result.message = message;
    if (exemption) result.exemptionId = exemption.id;
    results.push(result);
    tally.add(g.definition.id, state, g.levelIndex, g.definition.weight);
  }
  if (results.length === 0) return undefined;
  return { entityRef: ctx.node.ref, results, ...tally.result() };
}
