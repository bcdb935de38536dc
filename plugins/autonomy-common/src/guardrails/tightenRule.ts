import type { GuardrailRule } from '../schema/openapi/generated';
import {
  TIGHTENABLE_OPERATORS,
  type DeclaredTightening,
} from './teamAnnotations';

/**
 * A rule with a team's stricter threshold, or why the tightening cannot be applied. The rule's
 * conditions on the tightening's fact with its operator take the team's number; a number looser
 * than the organisation's is refused, so a team can raise the bar but never lower it. A condition
 * under `not` is refused too: there a higher number would loosen.
 *
 * @public
 */
export function tightenRule(
  rule: GuardrailRule,
  tightening: Pick<DeclaredTightening, 'fact' | 'operator' | 'value'>,
): { rule: GuardrailRule } | { problem: string } {
  const { fact, operator, value } = tightening;
  const up = TIGHTENABLE_OPERATORS[operator] === 'up';
  let found = 0;
  let problem: string | undefined;
  const visit = (node: GuardrailRule, negated: boolean): GuardrailRule => {
    if ('all' in node && Array.isArray(node.all))
      return { all: node.all.map(n => visit(n, negated)) };
    if ('any' in node && Array.isArray(node.any))
      return { any: node.any.map(n => visit(n, negated)) };
    if ('not' in node && node.not)
      return { not: visit(node.not as GuardrailRule, !negated) };
    const condition = node as { fact?: unknown } & Record<string, unknown>;
    if (condition.fact !== fact || !(operator in condition)) return node;
    found++;
    const current = Number(condition[operator]);
    if (negated)
      problem ??= `the condition "${fact} ${operator}" sits under "not", where a stricter number would loosen the rule`;
    else if (!Number.isFinite(current))
      problem ??= `the condition "${fact} ${operator}" does not compare with a number`;
    else if (up ? value < current : value > current)
      problem ??= `${value} would loosen the guardrail: it asks ${fact} ${operator} ${current}, and a team may only tighten it`;
    return { ...condition, [operator]: value } as GuardrailRule;
  };
  const tightened = visit(rule, false);
  if (!found)
    return {
      problem: `the guardrail's rule has no condition "${fact} ${operator}" to tighten`,
    };
  return problem ? { problem } : { rule: tightened };
}
