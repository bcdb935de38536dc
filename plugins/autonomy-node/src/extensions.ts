import { createExtensionPoint } from '@backstage/backend-plugin-api';

/** A fact value: facts are flat so guardrail rules compile to plain property reads. */
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
  /** Facts for the given entities: entity ref → fact name → value. Missing means unknown. */
  getFacts(
    entityRefs: string[],
  ): Promise<Map<string, Record<string, AutonomyFactValue>>>;
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
