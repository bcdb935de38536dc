import { NotFoundError } from '@backstage/errors';
import type {
  GuardrailDetailResponse,
  ScorecardListResponse,
  TeamGuardrailsResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import { halfOf, teamHalves } from '../domain/guardrails/halves';
import { passRateOf, passRatesByTeam } from '../domain/guardrails/passRates';
import type { GuardrailSetSource } from '../guardrailSets/GuardrailSets';
import type { Stores } from '../store/createStores';

const DAY_MS = 86_400_000;

/**
 * A guardrail's record and a team's: the guardrail's page (who owns it, where it applies, its
 * pass rate per team and over time, open exemptions, opt-outs and failing entities) and a team's
 * aligned and autonomous halves. Reads stored results only, under the set of the last analysis.
 */
export class GuardrailRecordService {
  constructor(
    private readonly deps: {
      stores: Pick<Stores, 'guardrails' | 'exemptions' | 'guardrailSets'>;
      guardrailSets: Pick<GuardrailSetSource, 'current'>;
      now(): Date;
    },
  ) {}

  private async definitionOf(id: string) {
    const { compiled, set } = await this.deps.guardrailSets.current();
    const definition = compiled.guardrails.find(
      g => g.definition.id === id,
    )?.definition;
    if (!definition) throw new NotFoundError(`No guardrail "${id}"`);
    return { definition, set };
  }

  async getGuardrail(id: string, days = 90): Promise<GuardrailDetailResponse> {
    const { stores, now } = this.deps;
    const { definition, set } = await this.definitionOf(id);
    const since = new Date(now().getTime() - days * DAY_MS)
      .toISOString()
      .slice(0, 10);
    const [cells, history, exemptions, evaluatedAt] = await Promise.all([
      stores.guardrails.heatmapCells({ guardrailId: id }),
      stores.guardrailSets.history(id, since, now().toISOString().slice(0, 10)),
      stores.exemptions.list({ guardrailId: id, status: ['active'] }, now()),
      stores.guardrails.getEvaluatedAt(),
    ]);
    return {
      guardrail: definition,
      overall: passRateOf(cells),
      teams: passRatesByTeam(cells),
      history,
      exemptions,
      optOuts: set.optOuts.filter(o => o.guardrailId === id),
      tightenings: set.tightenings.filter(t => t.guardrailId === id),
      problems: set.problems.filter(p => p.guardrailId === id),
      evaluatedAt,
    };
  }

  /**
   * Entities failing it, paged, as the scorecard list shows them: `fail`, `unknown` and `error`,
   * and `warning` (failing, but not enforced: warning-only or in its grace period).
   */
  async failing(
    id: string,
    page: { limit?: number; offset?: number },
  ): Promise<ScorecardListResponse> {
    await this.definitionOf(id);
    const { guardrails } = this.deps.stores;
    const [found, evaluatedAt] = await Promise.all([
      guardrails.listScores({
        guardrailId: id,
        state: ['fail', 'warning', 'unknown', 'error'],
        orderBy: 'title',
        order: 'asc',
        limit: page.limit ?? 50,
        offset: page.offset ?? 0,
      }),
      guardrails.getEvaluatedAt(),
    ]);
    return { ...found, evaluatedAt };
  }

  async getTeamGuardrails(teamRef: string): Promise<TeamGuardrailsResponse> {
    const { stores } = this.deps;
    const [{ compiled, set }, cells, evaluatedAt] = await Promise.all([
      this.deps.guardrailSets.current(),
      stores.guardrails.heatmapCells({ ownerRefs: [teamRef] }),
      stores.guardrails.getEvaluatedAt(),
    ]);
    const definitions = compiled.guardrails.map(g => g.definition);
    const summary = (definition: (typeof definitions)[number]) => ({
      guardrail: definition,
      passRate: passRateOf(
        cells.filter(c => c.guardrailId === definition.id),
        teamRef,
      ),
    });
    const withResults = new Set(cells.map(c => c.guardrailId));
    return {
      teamRef,
      ...teamHalves(cells, new Map(definitions.map(d => [d.id, d]))),
      // Its standards, also those that apply to nothing yet: the bar it set itself.
      standards: definitions
        .filter(d => d.type === 'team' && d.ownerRef === teamRef)
        .map(summary),
      organisation: definitions
        .filter(d => halfOf(d) === 'aligned' && withResults.has(d.id))
        .map(summary),
      optOuts: set.optOuts.filter(o => o.teamRef === teamRef),
      tightenings: set.tightenings.filter(t => t.teamRef === teamRef),
      evaluatedAt,
    };
  }
}
