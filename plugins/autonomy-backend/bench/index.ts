/**
 * Benchmarks of the autonomy backend. Run with `yarn bench` (repo root or this package); set
 * BENCH_POSTGRES_CONNECTION_STRING (e.g. postgresql://postgres@127.0.0.1:5432) to include
 * PostgreSQL. Figures are wall-clock on the machine that runs them: printed, never asserted.
 */
import { benchMissions } from './missions.bench';
import { benchStore } from './store.bench';
import { benchGuardrails } from './guardrails.bench';
import { benchBoundaries } from './boundaries.bench';

async function main() {
  const size = Number(process.env.BENCH_ENTITIES ?? 10_000);
  console.log(`Node ${process.version}`);
  benchMissions(size);
  benchBoundaries(size);
  await benchStore(size);
  if (process.env.BENCH_ONLY === 'catalog') return;
  await benchGuardrails(
    Number(process.env.BENCH_GUARDRAIL_ENTITIES ?? 5_000),
    Number(process.env.BENCH_GUARDRAILS ?? 50),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
