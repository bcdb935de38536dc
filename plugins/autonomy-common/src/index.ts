/**
 * Shared types, the Mission kind, annotations and permissions of Aligned Autonomy.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './dates';
export * from './permissions';
export * from './refs';
export * from './mission';
export * from './guardrails';
export * from './boundaries';
export * from './schema/openapi/generated';
