import {
  GUARDRAIL_STATES,
  type GuardrailState,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { CompiledGuardrails } from './compileGuardrails';

/**
 * `make`, run once per compiled guardrail set and kept as long as the set is: the texts and
 * lookups a run would otherwise build again for every entity it evaluates.
 */
export function perGuardrailSet<T>(make: (compiled: CompiledGuardrails) => T) {
  const made = new WeakMap<CompiledGuardrails, T>();
  return (compiled: CompiledGuardrails): T => {
    let found = made.get(compiled);
    if (found === undefined) {
      found = make(compiled);
      made.set(compiled, found);
    }
    return found;
  };
}

/** A text per guardrail state, made once per guardrail set: a run writes them for every entity. */
export type TextByState = Record<GuardrailState, string>;

export const textByState = (text: (state: GuardrailState) => string) =>
  Object.fromEntries(GUARDRAIL_STATES.map(s => [s, text(s)])) as TextByState;
