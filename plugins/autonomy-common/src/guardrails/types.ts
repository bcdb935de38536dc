import type { GuardrailState, StateCounts } from '../schema/openapi/generated';

/** @public */
export const GUARDRAIL_STATES: GuardrailState[] = [
  'pass',
  'fail',
  'warning',
  'not-applicable',
  'exempt',
  'unknown',
  'error',
];

/**
 * A count of zero for every state.
 * @public
 */
export const emptyStateCounts = (): StateCounts =>
  Object.fromEntries(GUARDRAIL_STATES.map(state => [state, 0])) as StateCounts;
