import type { GuardrailDefinition } from '@aligned-autonomy/plugin-autonomy-common';

/** An enforced bronze guardrail of weight 1 with the given rule; `extra` overrides any field. */
export function guardrailDef(
  id: string,
  rule: GuardrailDefinition['rule'],
  extra: Partial<GuardrailDefinition> = {},
): GuardrailDefinition {
  return {
    id,
    title: id,
    rationale: { why: `Because ${id}` },
    appliesTo: {},
    rule,
    level: 'bronze',
    weight: 1,
    mode: 'enforced',
    ...extra,
  };
}
