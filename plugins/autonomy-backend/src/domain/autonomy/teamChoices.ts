import type { GuardrailSet } from '../guardrails/guardrailSet';
import type { TeamCell } from '../guardrails/halves';
import { passRateOf } from '../guardrails/passRates';

/**
 * What a team chose about how it works, for its earned-autonomy record: its own standards and
 * how many of them its entities meet (every result passes or is exempt; a standard that applies
 * to nothing is not met), and its opt-outs from recommended guardrails.
 */
export function teamChoices(
  set: Pick<GuardrailSet, 'definitions' | 'optOuts'> | undefined,
  teamRef: string,
  cells: TeamCell[],
) {
  const standards = (set?.definitions ?? []).filter(
    d => d.type === 'team' && d.ownerRef === teamRef,
  );
  const teamStandardsMet = standards.filter(d => {
    const rate = passRateOf(cells.filter(c => c.guardrailId === d.id));
    return rate.total > 0 && rate.metShare === 1;
  }).length;
  return {
    teamStandards: standards.length,
    teamStandardsMet,
    optOuts: (set?.optOuts ?? []).filter(o => o.teamRef === teamRef).length,
  };
}
