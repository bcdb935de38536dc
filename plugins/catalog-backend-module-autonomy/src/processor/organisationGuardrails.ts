import type { RootConfigService } from '@backstage/backend-plugin-api';
import type { GuardrailRule } from '@aligned-autonomy/plugin-autonomy-common';

/**
 * What the catalog module needs to know of app-config's guardrails (all of them required).
 * @public
 */
export interface OrganisationGuardrails {
  levels: string[];
  /** Rule of each app-config guardrail, by id. */
  rules: Map<string, GuardrailRule>;
}

const DEFAULT_LEVELS = ['bronze', 'silver', 'gold'];

/**
 * Reads levels and app-config guardrails leniently: the autonomy backend checks that
 * configuration at start-up and refuses to run with a bad one, so here a malformed definition is
 * simply not known.
 */
export function readOrganisationGuardrails(
  config: RootConfigService,
): OrganisationGuardrails {
  const rules = new Map<string, GuardrailRule>();
  for (const definition of config.getOptionalConfigArray(
    'autonomy.guardrails.definitions',
  ) ?? []) {
    const id = definition.getOptionalString('id');
    const rule = definition.getOptional('rule');
    if (id && rule && typeof rule === 'object')
      rules.set(id, rule as GuardrailRule);
  }
  return {
    levels:
      config.getOptionalStringArray('autonomy.guardrails.levels') ??
      DEFAULT_LEVELS,
    rules,
  };
}
