/**
 * Extension points of the Aligned Autonomy backend for other backend modules.
 *
 * @packageDocumentation
 */
export * from './extensions';
