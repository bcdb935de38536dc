import type {
  FactObservation,
  GuardrailOptOut,
  GuardrailResult,
  GuardrailState,
  GuardrailTightening,
} from '@aligned-autonomy/plugin-autonomy-common';

/** One result as stored: the facts it shows are indexes into the entity's fact list. */
export interface StoredResult {
  g: string;
  s: GuardrailState;
  m?: string;
  x?: string;
  f: number[];
  /** The team's opt-out, when the result is one. */
  o?: GuardrailOptOut;
  /** The team's stricter threshold, when it was applied. */
  t?: GuardrailTightening;
}

/**
 * All results of one entity in one record. A fact shown by several results (a source's field read
 * by many guardrails) is stored once.
 */
export interface StoredEvaluation {
  results: StoredResult[];
  facts: FactObservation[];
}

export function toStoredEvaluation(
  results: GuardrailResult[],
): StoredEvaluation {
  const facts: FactObservation[] = [];
  // Evaluation shares one observation object per fact; key by identity, then by id for results
  // built elsewhere (tests, older rows).
  const index = new Map<FactObservation | string, number>();
  const indexOf = (fact: FactObservation) => {
    let i = index.get(fact) ?? index.get(fact.id);
    if (i === undefined || (facts[i] !== fact && !sameFact(facts[i], fact))) {
      i = facts.push(fact) - 1;
      index.set(fact, i);
      index.set(fact.id, i);
    }
    return i;
  };
  return {
    results: results.map(r => {
      const stored: StoredResult = {
        g: r.guardrailId,
        s: r.state,
        f: r.facts.map(indexOf),
      };
      if (r.message) stored.m = r.message;
      if (r.exemptionId) stored.x = r.exemptionId;
      if (r.optOut) stored.o = r.optOut;
      if (r.tightened) stored.t = r.tightened;
      return stored;
    }),
    facts,
  };
}

function sameFact(a: FactObservation, b: FactObservation) {
  return (
    a.id === b.id &&
    a.source === b.source &&
    a.observedAt === b.observedAt &&
    a.unknown === b.unknown &&
    JSON.stringify(a.value) === JSON.stringify(b.value)
  );
}

export function fromStoredEvaluation(
  stored: StoredEvaluation,
): GuardrailResult[] {
  return stored.results.map(r => {
    const result: GuardrailResult = {
      guardrailId: r.g,
      state: r.s,
      facts: r.f.map(i => stored.facts[i]),
    };
    if (r.m) result.message = r.m;
    if (r.x) result.exemptionId = r.x;
    if (r.o) result.optOut = r.o;
    if (r.t) result.tightened = r.t;
    return result;
  });
}

/**
 * What the scorecard filters look up: `<guardrail>:<state>` for every result that did not pass
 * (most results pass; "entities passing X" is rarely asked and needs no index), and `*:<state>`
 * for every state the entity has at all.
 */
export function stateTokens(
  results: { g: string; s: GuardrailState }[],
): string[] {
  const tokens: string[] = [];
  const states = new Set<GuardrailState>();
  for (const r of results) {
    states.add(r.s);
    if (r.s !== 'pass') tokens.push(`${r.g}:${r.s}`);
  }
  for (const s of states) tokens.push(`*:${s}`);
  return tokens;
}
