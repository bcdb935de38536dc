export {
  autonomyEntityResourceRef,
  autonomyEntityRules,
  type AutonomyEntityFilter,
} from './rules';
export {
  autonomyConditions,
  createAutonomyConditionalDecision,
} from './conditionExports';
export {
  autonomyPolicyDecision,
  type AutonomyPolicyOptions,
} from './autonomyPolicyDecision';
