import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * A fact value: facts are flat so guardrail rules compile to plain property reads.
 * @public
 */
export type AutonomyFactValue = string | number | boolean | null;

/**
 * Supplies facts about catalog entities to Aligned Autonomy, beyond those the catalog itself
 * carries and those external tools push. Fact ids are namespaced by the provider id
 * (`<providerId>.<fact>`).
 *
 * @public
 */
export interface AutonomyFactProvider {
  /** Stable id, also the prefix of every fact id this provider supplies. */
  id: string;
  /** One line for people: what the facts say and where they come from. */
  description: string;
  /**
   * Facts for the given entities: entity ref → fact name → value. Missing means unknown.
   * `signal` aborts when the plugin stops waiting (`autonomy.analysis.factProviderTimeout`):
   * pass it on to the requests the provider makes.
   */
  getFacts(
    entityRefs: string[],
    options?: { signal?: AbortSignal },
  ): Promise<Map<string, Record<string, AutonomyFactValue | string[]>>>;
}

/**
 * Lets backend modules add fact providers to the autonomy plugin.
 * @public
 */
export interface AutonomyFactsExtensionPoint {
  addFactProvider(...providers: AutonomyFactProvider[]): void;
}

/**
 * Extension point of the autonomy backend plugin for fact providers.
 * @public
 */
export const autonomyFactsExtensionPoint =
  createExtensionPoint<AutonomyFactsExtensionPoint>({ id: 'autonomy.facts' });

/**
 * A rule operator for guardrail rules, e.g. `semverAtLeast`. Used in config as
 * `{ fact: 'ci.nodeVersion', semverAtLeast: '20.0.0' }`.
 *
 * @public
 */
export interface AutonomyRuleOperator {
  name: string;
  /** A problem with the parameter, in words, or undefined; checked once at start-up. */
  validateParam(param: unknown): string | undefined;
  /** Turns the parameter into what `test` receives, once at compile time. */
  prepare?(param: unknown): unknown;
  /** Whether the value meets the parameter. `undefined` is a fact the entity does not have. */
  test(
    value: AutonomyFactValue | string[] | undefined,
    param: any,
    context: { now: number },
  ): boolean;
  /** The expectation in words, read after "expected" and the fact id: e.g. "to be at least 20.0.0". */
  describe(param: any): string;
}

/**
 * Lets backend modules add rule operators to the autonomy plugin.
 * @public
 */
export interface AutonomyRulesExtensionPoint {
  addRuleOperator(...operators: AutonomyRuleOperator[]): void;
}

/**
 * Extension point of the autonomy backend plugin for rule operators.
 * @public
 */
export const autonomyRulesExtensionPoint =
  createExtensionPoint<AutonomyRulesExtensionPoint>({ id: 'autonomy.rules' });
