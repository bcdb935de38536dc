import { createConditionExports } from '@backstage/plugin-permission-node';
import { autonomyEntityResourceRef, autonomyEntityRules } from './rules';

const exports = createConditionExports({
  resourceRef: autonomyEntityResourceRef,
  rules: autonomyEntityRules,
});

/**
 * Conditions on the entity for the autonomy resource permissions, for a permission policy:
 * `autonomyConditions.isEntityOwner({ claims: user.info.ownershipEntityRefs })`.
 * @alpha
 */
export const autonomyConditions = exports.conditions;

/**
 * Wraps conditions into the decision a policy returns for an autonomy resource permission; the
 * autonomy plugin applies them to the entity.
 * @alpha
 */
export const createAutonomyConditionalDecision =
  exports.createConditionalDecision;
