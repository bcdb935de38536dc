/**
 * Permission policy helpers of the Aligned Autonomy backend: the conditions it applies to the
 * entity of its resource permissions, and a ready decision for every autonomy permission.
 *
 * @packageDocumentation
 */
export * from './permissions';
