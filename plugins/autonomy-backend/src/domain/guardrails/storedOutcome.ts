import type {
  GuardrailOptOut,
  GuardrailResult,
  GuardrailState,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { CatalogNode } from '../catalogSnapshot';
import type { CompiledGuardrails } from './compileGuardrails';
import {
  explainResults,
  type DecidedResults,
  type EntityOutcome,
} from './evaluate';
import {
  perGuardrailSet,
  textByState,
  type TextByState,
} from './perGuardrailSet';
import { entityGuardrail } from './entityGuardrail';
import { UNKNOWN, type FactContext, type FactValue } from './facts';

/**
 * An entity's results as a run stores them: what was decided and every fact value read, not the
 * words. A run evaluates every entity but a reader looks at one, so messages and fact
 * observations are made when a scorecard is read ({@link explainStoredOutcome}), by the same
 * code with the same values and the run's time. Stored rows are about a third of the size of
 * explained ones, and a run does not explain 100,000 entities nobody opens.
 *
 * `results` keeps the keys of the older explained form (`g`, `s`): the database counts and
 * filters by them in SQL.
 */
export interface StoredOutcome {
  /** The fingerprint of the guardrail set it was evaluated with: where a reader finds that set. */
  fp: string;
  /** That set's layout (guardrails and fact slots, which `v` follows): what a reader checks. */
  l: string;
  results: StoredDecision[];
  /** The value read of each fact slot of the set: null where none was, or see `u` and `n`. */
  v: (FactValue | null)[];
  /** Slots read as unknown (missing or stale). */
  u?: number[];
  /** Slots read as absent (a catalog fact the entity does not set). */
  n?: number[];
  /** When pushed facts were observed: `[instant, slot, slot, …]` per instant. */
  o?: [string, ...number[]][];
}

export interface StoredDecision {
  g: string;
  s: GuardrailState;
  /** The active exemption: its id and when it expires. */
  x?: string;
  e?: string;
  /** The campaign that governs the result: reference, title and deadline. */
  c?: { r: string; t: string; d: string };
  /** The team's opt-out (state `not-applicable`). */
  o?: GuardrailOptOut;
}

export const isStoredOutcome = (stored: object): stored is StoredOutcome =>
  'fp' in stored;

/** What writing and reading stored outcomes looks up in a compiled set, made once per set. */
interface SetLookups {
  /** The JSON prefix of each guardrail's stored decision. */
  prefixes: string[];
  /** Each guardrail's whole stored decision per state, without an exemption or a campaign. */
  decisions: TextByState[];
  /** Each guardrail's scorecard filter token per state (see stateTokens). */
  tokens: TextByState[];
  /** The stored text up to its results. */
  head: string;
  /** Guardrail id → index, fact id → slot. */
  guardrailIndex: Map<string, number>;
  factSlot: Map<string, number>;
}

const lookupsOf = perGuardrailSet((compiled): SetLookups => {
  const prefixes = compiled.guardrails.map(
    g => `{"g":${JSON.stringify(g.definition.id)},"s":`,
  );
  return {
    prefixes,
    decisions: prefixes.map(prefix => textByState(s => `${prefix}"${s}"}`)),
    tokens: compiled.guardrails.map(g =>
      textByState(s => `${g.definition.id}:${s}`),
    ),
    head: `{"fp":${JSON.stringify(compiled.fingerprint)},"l":${JSON.stringify(
      compiled.layout,
    )},"results":[`,
    guardrailIndex: new Map(
      compiled.guardrails.map((g, i) => [g.definition.id, i]),
    ),
    factSlot: new Map(compiled.facts.map((f, slot) => [f.id, slot])),
  };
});

/**
 * The stored text of an outcome, written as text directly: a run writes one per changed entity,
 * and building objects to stringify them cost more than deciding the outcome. `ctx` is read only
 * for when pushed facts were observed.
 */
export function storedOutcomeText(
  compiled: CompiledGuardrails,
  outcome: EntityOutcome,
  ctx: FactContext,
): string {
  const { prefixes, decisions, head } = lookupsOf(compiled);
  // The slots read, in the order first read: a mark per slot costs less than a Set.
  const marked = new Uint8Array(compiled.facts.length);
  const read: number[] = [];
  // Most decisions are one of a guardrail's few texts, joined once: concatenated one by one they
  // allocated about 12 KB per entity in a first run's heap profile, joined about 4 KB.
  const results: string[] = [];
  const { applicable, states } = outcome;
  for (let k = 0; k < applicable.length; k++) {
    const index = applicable[k];
    for (const slot of compiled.guardrails[index].factSlots)
      if (!marked[slot]) {
        marked[slot] = 1;
        read.push(slot);
      }
    const exemption = outcome.exemptions?.[k];
    const campaign = outcome.campaigns?.[k];
    if (!exemption && !campaign) {
      results.push(decisions[index][states[k]]);
      continue;
    }
    let decision = `${prefixes[index]}"${states[k]}"`;
    if (exemption)
      decision += `,"x":${JSON.stringify(exemption.id)},"e":${JSON.stringify(
        exemption.expiresAt,
      )}`;
    if (campaign)
      decision += `,"c":${JSON.stringify({
        r: campaign.campaignRef,
        t: campaign.title,
        d: campaign.deadline,
      })}`;
    results.push(`${decision}}`);
  }
  for (const index of outcome.optedOut ?? []) {
    const optOut = entityGuardrail(
      compiled.guardrails[index],
      ctx.node,
    )?.optOut;
    results.push(
      optOut
        ? `${prefixes[index]}"not-applicable","o":${JSON.stringify(optOut)}}`
        : decisions[index]['not-applicable'],
    );
  }
  const unknown: number[] = [];
  const absent: number[] = [];
  const observed = new Map<string, number[]>();
  for (const slot of read) {
    const value = outcome.values[slot];
    if (value === UNKNOWN) unknown.push(slot);
    else if (value === undefined) absent.push(slot);
    const at = compiled.facts[slot].observedAt?.(ctx);
    if (!at) continue;
    const slots = observed.get(at);
    if (slots) slots.push(slot);
    else observed.set(at, [slot]);
  }
  // UNKNOWN (a symbol) and unread slots become null; `u` and `n` tell them apart.
  let text = `${head}${results.join(',')}],"v":${outcome.valuesJson}`;
  if (unknown.length) text += `,"u":[${unknown.join(',')}]`;
  if (absent.length) text += `,"n":[${absent.join(',')}]`;
  if (observed.size)
    text += `,"o":${JSON.stringify(
      [...observed].map(([at, slots]) => [at, ...slots]),
    )}`;
  return `${text}}`;
}

/** The scorecard filters' tokens (see stateTokens) of an outcome, opted-out guardrails included. */
export function outcomeTokens(
  compiled: CompiledGuardrails,
  outcome: EntityOutcome,
): string[] {
  // stateTokens' order, from texts made once per set: results in order, then each state once.
  const { tokens } = lookupsOf(compiled);
  const result: string[] = [];
  const seen: GuardrailState[] = [];
  const add = (index: number, state: GuardrailState) => {
    if (!seen.includes(state)) seen.push(state);
    if (state !== 'pass') result.push(tokens[index][state]);
  };
  const { applicable, states } = outcome;
  for (let k = 0; k < applicable.length; k++) add(applicable[k], states[k]);
  for (const index of outcome.optedOut ?? []) add(index, 'not-applicable');
  for (const state of seen) result.push(`*:${state}`);
  return result;
}

/** The entity a stored outcome belongs to, as its row has it. */
export interface StoredEntity {
  ref: string;
  kind: string;
  title: string;
  ownerRef?: string;
  /** When the run that stored it evaluated it: the time the rules are explained at. */
  evaluatedAt: string;
}

/**
 * The results of a stored outcome in words, as the run would have explained them: the set it was
 * evaluated with, the values it read, its time. `compiled` is the set named by `stored.fp`, as this
 * replica compiles it now: when its layout differs (that set is gone, pruned long after its run, or
 * could not be compiled), the states are shown without their words until the next run.
 */
export function explainStoredOutcome(
  compiled: CompiledGuardrails | undefined,
  stored: StoredOutcome,
  entity: StoredEntity,
): GuardrailResult[] {
  if (compiled?.layout !== stored.l) return unexplained(stored);
  const index = lookupsOf(compiled).guardrailIndex;
  const decided: Required<Omit<DecidedResults, 'optedOut'>> & {
    optedOut: number[];
  } = {
    applicable: [],
    states: [],
    exemptions: [],
    campaigns: [],
    optedOut: [],
  };
  for (const r of stored.results) {
    const i = index.get(r.g);
    if (i === undefined) return unexplained(stored);
    if (r.s === 'not-applicable') {
      decided.optedOut.push(i);
      continue;
    }
    const k = decided.applicable.push(i) - 1;
    decided.states.push(r.s);
    if (r.x !== undefined)
      decided.exemptions[k] = { id: r.x, expiresAt: r.e ?? '' };
    if (r.c)
      decided.campaigns[k] = {
        campaignRef: r.c.r,
        title: r.c.t,
        deadline: r.c.d,
        deadlineMs: Date.parse(`${r.c.d}T00:00:00Z`),
      };
  }
  const node: CatalogNode = {
    ref: entity.ref,
    kind: entity.kind,
    title: entity.title,
    ownerRef: entity.ownerRef,
  };
  return explainResults(
    compiled,
    {
      node,
      now: Date.parse(entity.evaluatedAt),
      replay: replayOf(stored, compiled),
    },
    decided,
  );
}

function replayOf(
  stored: StoredOutcome,
  compiled: CompiledGuardrails,
): NonNullable<FactContext['replay']> {
  const slotOf = lookupsOf(compiled).factSlot;
  const unknown = new Set(stored.u);
  const absent = new Set(stored.n);
  const observedAt = new Map<number, string>();
  for (const [at, ...slots] of stored.o ?? [])
    for (const slot of slots) observedAt.set(slot, at);
  return {
    value: id => {
      const slot = slotOf.get(id);
      if (slot === undefined || unknown.has(slot)) return UNKNOWN;
      return absent.has(slot) ? undefined : stored.v[slot] ?? null;
    },
    observedAt: id => {
      const slot = slotOf.get(id);
      return slot === undefined ? undefined : observedAt.get(slot);
    },
  };
}

/** States without their words: for a stored outcome whose guardrail set is no longer known. */
function unexplained(stored: StoredOutcome): GuardrailResult[] {
  return stored.results.map(r => {
    const result: GuardrailResult = { guardrailId: r.g, state: r.s, facts: [] };
    if (r.x !== undefined) result.exemptionId = r.x;
    if (r.o) result.optOut = r.o;
    return result;
  });
}
