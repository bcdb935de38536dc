import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import knexFactory, { type Knex } from 'knex';
import { buildSnapshot } from '../src/domain/catalogSnapshot';
import { resolveMissions } from '../src/domain/missions/resolveMissions';
import { createStores } from '../src/store/createStores';
import { generateCatalog } from '../src/testUtils/catalogFixtures';

async function timeRuns(
  name: string,
  runs: number,
  fn: () => Promise<unknown>,
) {
  await fn(); // warm-up (and migrations)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(58)} median ${times[Math.floor(runs / 2)]
      .toFixed(1)
      .padStart(7)} ms   best ${times[0].toFixed(1).padStart(7)} ms`,
  );
}

async function onDatabase(label: string, knex: Knex, size: number) {
  const store = (await createStores({ getClient: async () => knex })).missions;
  const snapshot = buildSnapshot(generateCatalog(size));
  await timeRuns(
    `analysis run: resolve + store in one transaction (${label})`,
    5,
    async () => store.replaceAnalysis(resolveMissions(snapshot), new Date()),
  );
  await timeRuns(
    `read one entity's chain (${label}, 200 reads)`,
    3,
    async () => {
      for (let i = 0; i < 200; i++)
        await store.getEntityMission(`component:default/component-${i * 37}`);
    },
  );
  await knex.destroy();
}

/** The scheduled analysis as it runs in the backend, on SQLite (on disk) and on PostgreSQL. */
export async function benchStore(size: number) {
  console.log(`\nStored analysis runs, ${size} entities`);
  const dir = mkdtempSync(join(tmpdir(), 'autonomy-bench-'));
  await onDatabase(
    'SQLite on disk',
    knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(dir, 'bench.sqlite') },
      useNullAsDefault: true,
    }),
    size,
  );

  const pg =
    process.env.BENCH_POSTGRES_CONNECTION_STRING ??
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!pg) {
    console.log('PostgreSQL: skipped (set BENCH_POSTGRES_CONNECTION_STRING)');
    return;
  }
  const admin = knexFactory({ client: 'pg', connection: pg });
  const database = `autonomy_bench_${Date.now()}`;
  await admin.raw(`CREATE DATABASE ${database}`);
  try {
    await onDatabase(
      'PostgreSQL',
      knexFactory({
        client: 'pg',
        connection: `${pg.replace(/\/$/, '')}/${database}`,
      }),
      size,
    );
  } finally {
    await admin.raw(`DROP DATABASE ${database}`);
    await admin.destroy();
  }
}
