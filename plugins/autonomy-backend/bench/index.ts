/**
 * Benchmarks of the autonomy backend. Run with `yarn bench` (repo root or this package); set
 * BENCH_POSTGRES_CONNECTION_STRING (e.g. postgresql://postgres@127.0.0.1:5432) to include
 * PostgreSQL. Figures are wall-clock on the machine that runs them: printed, never asserted.
 */
import { benchMissions } from './missions.bench';
import { benchStore } from './store.bench';

async function main() {
  const size = Number(process.env.BENCH_ENTITIES ?? 10_000);
  console.log(`Node ${process.version}, ${size} entities`);
  benchMissions(size);
  await benchStore(size);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
