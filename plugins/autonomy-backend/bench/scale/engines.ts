import { buildSnapshot } from '../../src/domain/catalogSnapshot';
import { compileGuardrails } from '../../src/domain/guardrails/compileGuardrails';
import {
  entityContext,
  evaluateCatalog,
} from '../../src/domain/guardrails/evaluateCatalog';
import { evaluateOutcome } from '../../src/domain/guardrails/evaluate';
import { runTechInsights } from '../techInsights';
import { buildWorld } from '../world';

/**
 * Tech Insights' JsonRulesEngineFactChecker against our engine on world.ts's checks and facts
 * (as guardrails.bench.ts does): evaluation only, in memory, both in this process.
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
  const decide = () => {
    const now = Date.now();
    for (const ref of snapshot.keys()) {
      const entity = entityContext(snapshot, facts, ref, now)!;
      evaluateOutcome(compiled, entity.ctx, entity.exemptions);
    }
  };
  const passing = evaluate().reduce((n, e) => n + e.counts.pass, 0);
  const median = (fn: () => unknown) =>
    Array.from({ length: 5 }, () => {
      const start = process.hrtime.bigint();
      fn();
      return Number(process.hrtime.bigint() - start) / 1e6;
    }).sort((a, b) => a - b)[2];
  const oursMs = median(evaluate);
  const outcomesMs = median(decide);
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
    oursMs,
    outcomesMs,
    tiMs: ti.ms,
    speedup: ti.ms / oursMs,
    passing,
  };
}
