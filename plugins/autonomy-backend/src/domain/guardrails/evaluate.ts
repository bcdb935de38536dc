import type {
  FactObservation,
  GuardrailResult,
  GuardrailState,
} from '@aligned-autonomy/plugin-autonomy-common';
import type {
  CompiledGuardrail,
  CompiledGuardrails,
} from './compileGuardrails';
import { observe, UNKNOWN, type FactContext, type FactValue } from './facts';
import { LevelTally, type LevelAndScore } from './levels';
import type { CampaignGrace } from '../campaigns/campaigns';
import type { CompiledRule } from './compileRule';
import { entityGuardrail } from './entityGuardrail';
import { perGuardrailSet, textByState } from './perGuardrailSet';

export interface EntityEvaluation extends LevelAndScore {
  entityRef: string;
  /** Applicable guardrails only; absent ones are not applicable. */
  results: GuardrailResult[];
}

/** Active exemptions of one entity: guardrail id → exemption id. */
export type ActiveExemptions = Map<string, { id: string; expiresAt: string }>;

/**
 * What evaluating an entity decides, before anything is put in words: the state of each
 * applicable guardrail, the level and score, and every fact value read. This is the fast path
 * run for every entity of the catalog; {@link explainOutcome} turns it into results with
 * messages, which a run does only for entities whose outcome changed.
 */
export interface EntityOutcome extends LevelAndScore {
  entityRef: string;
  /** Indexes into the compiled guardrails of those that apply, in order. */
  applicable: number[];
  states: GuardrailState[];
  /** The active exemption of each applicable guardrail, where it has one. */
  exemptions?: ({ id: string; expiresAt: string } | undefined)[];
  /** The campaign that governs each applicable guardrail, where one targets the entity. */
  campaigns?: (CampaignGrace | undefined)[];
  /** Indexes of guardrails the entity's team opted out of: listed, never counted. */
  optedOut?: number[];
  /** Value of each fact slot read (`undefined` where no applicable rule reads it). */
  values: (FactValue | undefined | typeof UNKNOWN)[];
  /** `values` as JSON, unknown and unread slots as null: made once for the signature and the row. */
  valuesJson: string;
  /**
   * Everything the stored results are made of, as text: equal signatures (under the same
   * guardrail definitions) store equal results, so a run compares these instead of rows.
   */
  signature: string;
}

type Outcome = 'pass' | 'fail' | 'unknown' | 'error';

function ruleOutcome(rule: CompiledRule, ctx: FactContext): Outcome {
  try {
    return rule.evaluate(ctx);
  } catch {
    return 'error';
  }
}

/**
 * A guardrail that is not enforced (warning-only, or still in its grace period) never blocks a
 * level: whether it failed or its facts are unknown, it is a warning. A campaign that targets the
 * entity replaces the guardrail's own mode: a warning until its deadline, enforced from it.
 */
function stateOf(
  g: CompiledGuardrail,
  outcome: Outcome,
  now: number,
  campaign: CampaignGrace | undefined,
): GuardrailState {
  if (outcome === 'pass' || outcome === 'error') return outcome;
  if (campaign) return now < campaign.deadlineMs ? 'warning' : outcome;
  if (g.definition.mode === 'warning') return 'warning';
  if (g.enforcedFromMs !== undefined && now < g.enforcedFromMs)
    return 'warning';
  return outcome;
}

/**
 * Whether any guardrail is checked for this entity: {@link evaluateOutcome} decides something
 * only then. It reads nothing but the entity, so a run can pass over the entities no guardrail
 * is for before it reads their facts.
 */
export function anyGuardrailChecks(
  compiled: CompiledGuardrails,
  node: FactContext['node'],
): boolean {
  for (const g of compiled.guardrails) {
    if (!g.applies(node)) continue;
    if (g.ownerOnly === undefined && !g.optOuts && !g.tightened) return true;
    const decided = entityGuardrail(g, node);
    if (decided && !decided.optOut) return true;
  }
  return false;
}

/** `${index}${state};` of each guardrail and state, the signature's usual pieces. */
const stateSignatures = perGuardrailSet(compiled =>
  compiled.guardrails.map((_, i) => textByState(s => `${i}${s};`)),
);

/**
 * Decides every guardrail for one entity; undefined when none applies. `campaigns` maps the ids
 * of guardrails that campaigns roll out to this entity to the campaign that governs each.
 */
export function evaluateOutcome(
  compiled: CompiledGuardrails,
  ctx: FactContext,
  exemptions?: ActiveExemptions,
  campaigns?: Map<string, CampaignGrace>,
): EntityOutcome | undefined {
  const applicable: number[] = [];
  const states: GuardrailState[] = [];
  const values: EntityOutcome['values'] = new Array(compiled.facts.length);
  const read: boolean[] = new Array(compiled.facts.length);
  let exempted: EntityOutcome['exemptions'];
  let governed: EntityOutcome['campaigns'];
  let optedOut: EntityOutcome['optedOut'];
  const tally = new LevelTally(compiled.levels.length);
  // Joined once at the end: concatenating the pieces one by one allocated a string per piece.
  const signature: string[] = [];
  const stateTexts = stateSignatures(compiled);
  const guardrails = compiled.guardrails;
  for (let i = 0; i < guardrails.length; i++) {
    const g = guardrails[i];
    if (!g.applies(ctx.node)) continue;
    let rule = g.rule;
    // Only guardrails teams decided something about need the per-entity look.
    if (g.ownerOnly !== undefined || g.optOuts || g.tightened) {
      const decided = entityGuardrail(g, ctx.node);
      if (!decided) continue;
      if (decided.optOut) {
        optedOut ??= [];
        optedOut.push(i);
        signature.push(`${i}o;`);
        continue;
      }
      if (decided.tightening) signature.push(`${i}t;`);
      rule = decided.rule;
    }
    const exemption = exemptions?.get(g.definition.id);
    const campaign = campaigns?.get(g.definition.id);
    const state = exemption
      ? 'exempt'
      : stateOf(g, ruleOutcome(rule, ctx), ctx.now, campaign);
    if (exemption) {
      exempted ??= [];
      exempted[applicable.length] = exemption;
      signature.push(`${i}x${exemption.id}${exemption.expiresAt};`);
    }
    if (campaign) {
      // The campaign and its deadline are in the stored message: a changed campaign rewrites it.
      governed ??= [];
      governed[applicable.length] = campaign;
      signature.push(`${i}c${campaign.campaignRef}@${campaign.deadline};`);
    }
    applicable.push(i);
    states.push(state);
    signature.push(stateTexts[i][state]);
    for (const slot of g.factSlots) {
      if (read[slot]) continue;
      read[slot] = true;
      values[slot] = compiled.facts[slot].get(ctx);
    }
    tally.add(g.definition.id, state, g.levelIndex, g.definition.weight);
  }
  if (applicable.length === 0) return undefined;
  // Fact values as JSON, the slots read as unknown or absent (both null in JSON), and when pushed
  // facts were observed (the same for every field of a source, so once per source).
  const valuesJson = JSON.stringify(values);
  signature.push(valuesJson);
  for (let slot = 0; slot < values.length; slot++) {
    if (values[slot] === UNKNOWN) signature.push(`u${slot}`);
    else if (read[slot] && values[slot] === undefined)
      signature.push(`n${slot}`);
  }
  if (ctx.pushed)
    for (const source of [...ctx.pushed.keys()].sort())
      signature.push(`${source}@${ctx.pushed.get(source)!.observedAt}`);
  return {
    entityRef: ctx.node.ref,
    applicable,
    states,
    exemptions: exempted,
    campaigns: governed,
    optedOut,
    values,
    valuesJson,
    signature: signature.join(''),
    ...tally.result(),
  };
}

function messageOf(
  g: CompiledGuardrail,
  rule: CompiledRule,
  state: GuardrailState,
  exemption: { expiresAt: string } | undefined,
  campaign: CampaignGrace | undefined,
  ctx: FactContext,
): string | undefined {
  if (exemption) return `Exempt until ${exemption.expiresAt.slice(0, 10)}`;
  if (state === 'pass') return undefined;
  let explanation;
  try {
    if (state === 'error') rule.evaluate(ctx);
    // A module's operator that decides otherwise when asked again explains nothing: say so.
    explanation = rule.explain(ctx) ?? 'The rule did not hold';
  } catch (e) {
    return `The rule failed to evaluate: ${(e as Error).message}`;
  }
  if (state !== 'warning') return explanation;
  if (campaign)
    return `${explanation} (campaign ${campaign.title}: enforced from ${campaign.deadline})`;
  if (g.definition.mode === 'warning') return `${explanation} (warning only)`;
  return `${explanation} (enforced from ${g.definition.enforcedFrom})`;
}

/** What decides an entity's results apart from its facts: what {@link explainResults} reads. */
export type DecidedResults = Pick<
  EntityOutcome,
  'applicable' | 'states' | 'exemptions' | 'campaigns' | 'optedOut'
>;

/**
 * The results of an outcome with their messages and the facts behind them. Each fact is observed
 * once per entity and the observation is shared by every result that shows it.
 */
export function explainOutcome(
  compiled: CompiledGuardrails,
  ctx: FactContext,
  outcome: EntityOutcome,
): EntityEvaluation {
  const {
    applicable,
    states,
    exemptions,
    campaigns,
    optedOut,
    values,
    valuesJson,
    signature,
    ...score
  } = outcome;
  return { ...score, results: explainResults(compiled, ctx, outcome) };
}

/**
 * The results, in words, of what was decided for one entity: from its live inputs in a run, or
 * from what a run read when a stored outcome is shown (`ctx.replay`).
 */
export function explainResults(
  compiled: CompiledGuardrails,
  ctx: FactContext,
  outcome: DecidedResults,
): GuardrailResult[] {
  const observed: (FactObservation | undefined)[] = new Array(
    compiled.facts.length,
  );
  const results = outcome.applicable.map((index, k) => {
    const g = compiled.guardrails[index];
    const state = outcome.states[k];
    const exemption = outcome.exemptions?.[k];
    const facts = g.factSlots.map(
      slot => (observed[slot] ??= observe(compiled.facts[slot], ctx)),
    );
    const result: GuardrailResult = {
      guardrailId: g.definition.id,
      state,
      facts,
    };
    const decided = entityGuardrail(g, ctx.node);
    const rule = decided?.rule ?? g.rule;
    const campaign = outcome.campaigns?.[k];
    const message = messageOf(g, rule, state, exemption, campaign, ctx);
    if (message) result.message = message;
    if (exemption) result.exemptionId = exemption.id;
    if (decided?.tightening) result.tightened = decided.tightening;
    return result;
  });
  // Opted out: shown as such, in neither half and not in the level or score.
  for (const index of outcome.optedOut ?? []) {
    const g = compiled.guardrails[index];
    const optOut = entityGuardrail(g, ctx.node)?.optOut;
    if (!optOut) continue;
    results.push({
      guardrailId: g.definition.id,
      state: 'not-applicable',
      facts: [],
      message: `Opted out by ${optOut.teamRef}: ${optOut.reason}`,
      optOut,
    });
  }
  return results;
}

/**
 * Evaluates every guardrail for one entity, with messages. A throwing rule becomes `error` for
 * that guardrail only.
 */
export function evaluateEntity(
  compiled: CompiledGuardrails,
  ctx: FactContext,
  exemptions?: ActiveExemptions,
  campaigns?: Map<string, CampaignGrace>,
): EntityEvaluation | undefined {
  const outcome = evaluateOutcome(compiled, ctx, exemptions, campaigns);
  return outcome && explainOutcome(compiled, ctx, outcome);
}
