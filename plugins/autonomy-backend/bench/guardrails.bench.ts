import { compareEngines } from './scale/engines';

const line = (label: string, value: string) =>
  console.log(`${label.padEnd(64)} ${value}`);

/**
 * Our guardrail engine against Tech Insights' checker, in memory, on the same checks and facts.
 * Storing results at scale is measured by `bench:scale`.
 */
export async function benchGuardrails(entityCount: number, checkCount: number) {
  console.log(
    `\nGuardrails: ${entityCount} entities × ${checkCount} guardrails (5 fact sources × 10 facts per entity)`,
  );
  const { storedMs, explainedMs, tiMs, speedup, passing } =
    await compareEngines(entityCount, checkCount);
  const perCheck = (ms: number) =>
    `${((ms * 1000) / (entityCount * checkCount)).toFixed(
      2,
    )} µs per entity·check`;
  line(
    'Aligned Autonomy: evaluate every entity × guardrail, as a run stores it',
    `${storedMs.toFixed(0)} ms (${perCheck(storedMs)})`,
  );
  line(
    'Aligned Autonomy: the same, every result explained as a scorecard shows it',
    `${explainedMs.toFixed(0)} ms (${perCheck(explainedMs)})`,
  );
  line(
    "Tech Insights' JsonRulesEngineFactChecker",
    `${tiMs.toFixed(0)} ms (${perCheck(tiMs)})`,
  );
  line('verdicts agree', `${passing} checks pass in both`);
  line(
    'speed-up over the Tech Insights checker (evaluation)',
    `${speedup.toFixed(1)}×`,
  );
}
