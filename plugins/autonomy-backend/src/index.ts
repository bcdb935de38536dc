/**
 * The Aligned Autonomy backend plugin: missions, boundaries and guardrail scorecards.
 *
 * @packageDocumentation
 */
export { autonomyPlugin as default } from './plugin';
