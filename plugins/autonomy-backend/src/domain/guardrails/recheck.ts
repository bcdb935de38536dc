import type { CompiledGuardrails } from './compileGuardrails';
import type { EntityOutcome } from './evaluate';
import type { FactContext } from './facts';

/** A rule reads the clock: the outcome may differ at any run, so the entity is evaluated at each. */
export const EVERY_RUN = 0;

/**
 * The earliest instant (epoch ms) after `ctx.now` at which the same inputs could give the entity
 * another outcome through the passing of time alone: a fact it reads going stale, a grace period
 * or a campaign's deadline ending, an exemption expiring. {@link EVERY_RUN} when a rule reads the
 * clock; undefined when time changes nothing. A run evaluates an entity whose inputs did not
 * change only from this instant on.
 */
export function recheckAt(
  compiled: CompiledGuardrails,
  ctx: FactContext,
  outcome: Pick<EntityOutcome, 'applicable' | 'exemptions' | 'campaigns'>,
): number | undefined {
  let next: number | undefined;
  const later = (ms: number | undefined) => {
    if (ms !== undefined && ms > ctx.now && (next === undefined || ms < next))
      next = ms;
  };
  for (let k = 0; k < outcome.applicable.length; k++) {
    const g = compiled.guardrails[outcome.applicable[k]];
    if (g.readsClock) return EVERY_RUN;
    later(g.enforcedFromMs);
    later(outcome.campaigns?.[k]?.deadlineMs);
    const exemption = outcome.exemptions?.[k];
    if (exemption) later(Date.parse(exemption.expiresAt));
    for (const slot of g.factSlots)
      later(compiled.facts[slot].freshUntil?.(ctx));
  }
  return next;
}
