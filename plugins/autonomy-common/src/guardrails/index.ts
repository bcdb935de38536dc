export * from './types';
export * from './GuardrailEntityV1alpha1';
export {
  GUARDRAIL_ID_PATTERN,
  describeIssues,
  fieldOfPath,
  guardrailDefinitionSchema,
  guardrailIdSchema,
  guardrailSpecSchema,
  type GuardrailDefinitionInput,
  type ParsedGuardrailDefinition,
  type ParsedGuardrailSpec,
} from './definitionSchema';
export {
  checkGuardrailEntity,
  normalizeGuardrailEntity,
  validateGuardrailEntity,
  type GuardrailEntityCheck,
} from './validateGuardrail';
export * from './teamAnnotations';
export { tightenRule } from './tightenRule';
