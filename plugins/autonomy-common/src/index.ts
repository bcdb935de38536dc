/**
 * Shared types, the Mission and Campaign kinds, annotations and permissions of Aligned Autonomy.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './dates';
export * from './permissions';
export * from './refs';
export * from './mission';
export * from './campaign';
export * from './guardrails';
export * from './boundaries';
export * from './starterGuardrails';
export * from './schema/openapi/generated';
