/**
 * Shared types, the Mission kind, annotations and permissions of Aligned Autonomy.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './mission';
export * from './api';
export * from './guardrails';
export * from './boundaries';
