import {
  GuardrailStateValues,
  type GuardrailState,
  type StateCounts,
} from '../schema/openapi/generated';

/**
 * Every guardrail state, in the spec's order.
 * @public
 */
export const GUARDRAIL_STATES: GuardrailState[] = [...GuardrailStateValues];

/**
 * A count of zero for every state.
 * @public
 */
export const emptyStateCounts = (): StateCounts =>
  Object.fromEntries(GUARDRAIL_STATES.map(state => [state, 0])) as StateCounts;
