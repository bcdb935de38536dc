import { buildSnapshot } from '../../src/domain/catalogSnapshot';
import { compileGuardrails } from '../../src/domain/guardrails/compileGuardrails';
import {
  entityContext,
  evaluateCatalog,
} from '../../src/domain/guardrails/evaluateCatalog';
import { evaluateOutcome } from '../../src/domain/guardrails/evaluate';
import { storedOutcomeText } from '../../src/domain/guardrails/storedOutcome';
import { runTechInsights } from '../techInsights';
import { buildWorld } from '../world';

/**
 * Tech Insights' JsonRulesEngineFactChecker against our engine on world.ts's checks and facts
 * (as guardrails.bench.ts does): evaluation only, in memory, both in this process. Ours is timed
 * as a run evaluates (outcome and the text it stores), deciding only, and explaining every result
 * (what a scorecard read does for one entity).
 */
export async function compareEngines(entityCount: number, checkCount: number) {
  const world = buildWorld(entityCount, checkCount);
  const snapshot = buildSnapshot(world.entities);
  const compiled = compileGuardrails({
    levels: world.levels,
    definitions: world.definitions,
    sources: world.sources,
  });
  const facts = {
    missions: new Map(),
    pushed: world.pushed,
    provided: new Map(),
    derived: new Map(),
    exemptions: new Map(),
  };
  const evaluate = () => evaluateCatalog(snapshot, compiled, facts, Date.now());
  const decide = (store: boolean) => () => {
    const now = Date.now();
    for (const ref of snapshot.keys()) {
      const entity = entityContext(snapshot, facts, ref, now)!;
      const outcome = evaluateOutcome(compiled, entity.ctx, entity.exemptions);
      // What a run stores for an entity: the outcome and the values read, as text.
      if (store && outcome) storedOutcomeText(compiled, outcome, entity.ctx);
    }
  };
  const passing = evaluate().reduce((n, e) => n + e.counts.pass, 0);
  const median = (fn: () => unknown) =>
    Array.from({ length: 5 }, () => {
      const start = process.hrtime.bigint();
      fn();
      return Number(process.hrtime.bigint() - start) / 1e6;
    }).sort((a, b) => a - b)[2];
  const explainedMs = median(evaluate);
  const storedMs = median(decide(true));
  const outcomesMs = median(decide(false));
  const ti = await runTechInsights(
    [...world.pushed.keys()],
    world.pushed,
    checkCount,
  );
  if (ti.passing !== passing)
    throw new Error(
      `The engines disagree: Tech Insights ${ti.passing} passing, ours ${passing}`,
    );
  return {
    storedMs,
    explainedMs,
    outcomesMs,
    tiMs: ti.ms,
    speedup: ti.ms / storedMs,
    passing,
  };
}
