import { compareEngines } from './engines';
import { createPostgres, createSqlite, type BenchDatabase } from './databases';
import type { Job } from './children';
import { pipelineWorksShards } from './pipeline';
import { finalLine, machine, printTable, type DatabaseFigures } from './report';
import { measureHttp, mutate, prepare, timedRun, twoProcessRun } from './runs';

/**
 * The scale benchmark (`yarn bench:scale`): a generated organisation of BENCH_SCALE_ENTITIES
 * entities (default 100,000) and BENCH_SCALE_GUARDRAILS guardrails (default 50), on PostgreSQL
 * (BENCH_POSTGRES_CONNECTION_STRING) and SQLite. Prints figures, asserts nothing.
 */
const env = process.env;
const ENTITIES = Number(env.BENCH_SCALE_ENTITIES ?? 100_000);
const GUARDRAILS = Number(env.BENCH_SCALE_GUARDRAILS ?? 50);
const POSTGRES =
  env.BENCH_POSTGRES_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';
const DATABASES = (env.BENCH_SCALE_DATABASES ?? 'postgres,sqlite').split(',');
const REQUESTS = Number(env.BENCH_SCALE_REQUESTS ?? 5_000);
const CLIENTS = 50;
const TI_SAMPLE = 5_000;

const log = (message: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Runs `fn` on a fresh PostgreSQL database with the pushed facts in place, then drops it. */
async function onFreshPostgres<T>(
  job: Omit<Job, 'target'>,
  fn: (db: BenchDatabase, job: Job) => Promise<T>,
) {
  const db = await createPostgres(POSTGRES);
  try {
    const onDb = { ...job, target: db.target };
    await prepare(db, onDb);
    return await fn(db, onDb);
  } finally {
    await db.drop();
  }
}

/**
 * First runs on two fresh databases, back to back so that both meet the same machine: one
 * process alone, then a coordinator and a replica started together.
 */
async function twoReplicas(job: Omit<Job, 'target'>): Promise<{
  result?: {
    oneSeconds: number;
    seconds: number;
    speedup: number;
    replicaShards: number;
  };
  note?: string;
}> {
  if (!pipelineWorksShards()) {
    return { note: 'na: the pipeline has no workShards() yet' };
  }
  log('postgres: first run, one process (fresh database)');
  const one = await onFreshPostgres(job, timedRun);
  log('postgres: first run, two processes (fresh database)');
  const two = await onFreshPostgres(job, (_, onDb) => twoProcessRun(onDb));
  if (!two) return { note: 'na: the replica cannot work shards' };
  return {
    result: {
      oneSeconds: one.seconds,
      seconds: two.seconds,
      speedup: one.seconds / two.seconds,
      replicaShards: two.replicaShards,
    },
  };
}

async function onDatabase(db: BenchDatabase): Promise<DatabaseFigures> {
  const job: Job = {
    target: db.target,
    entities: ENTITIES,
    guardrails: GUARDRAILS,
    generation: 0,
  };
  try {
    log(`${db.label}: migrations and pushed facts (setup)`);
    const factRows = await prepare(db, job);
    log(`${db.label}: first run`);
    const first = await timedRun(db, job);
    // BENCH_SCALE_FIRST_RUN_ONLY=1: the first run and nothing after it, for quick comparisons;
    // with BENCH_KEEP_DB=1 its database stays, to look at its tables and query plans.
    if (env.BENCH_SCALE_FIRST_RUN_ONLY) {
      log(
        `${db.label}: first run ${first.seconds.toFixed(
          1,
        )} s, peak ${first.peakRssMb.toFixed(0)} MB`,
      );
      if (!env.BENCH_KEEP_DB) await db.drop();
      process.exit(0);
    }
    log(`${db.label}: unchanged run`);
    const unchanged = await timedRun(db, job);
    const changedJob = { ...job, generation: 1 };
    await mutate(db, changedJob);
    log(`${db.label}: run with 1% of components changed`);
    const changed = await timedRun(db, changedJob);
    // BENCH_SCALE_RUNS_ONLY=1: the three runs without the HTTP load and the two replicas.
    if (env.BENCH_SCALE_RUNS_ONLY) {
      log(
        `${db.label}: first ${first.seconds.toFixed(
          1,
        )} s, unchanged ${unchanged.seconds.toFixed(
          1,
        )} s, changed ${changed.seconds.toFixed(1)} s, peak ${Math.max(
          first.peakRssMb,
          unchanged.peakRssMb,
          changed.peakRssMb,
        ).toFixed(0)} MB`,
      );
      await db.drop();
      process.exit(0);
    }
    log(`${db.label}: HTTP load (${REQUESTS} requests per endpoint)`);
    const http = await measureHttp(db, changedJob, REQUESTS, CLIENTS);
    // BENCH_SCALE_NO_REPLICAS=1: no two-replica runs (for comparing the other figures quickly).
    let replicas: Awaited<ReturnType<typeof twoReplicas>> = {
      note: 'na: SQLite has one writer',
    };
    if (env.BENCH_SCALE_NO_REPLICAS) replicas = { note: 'na: not measured' };
    else if (db.label === 'postgres') replicas = await twoReplicas(job);
    if (replicas.note) log(`${db.label}: two replicas ${replicas.note}`);
    return {
      db: db.label,
      entities: ENTITIES,
      guardrails: GUARDRAILS,
      factRows,
      first,
      unchanged,
      changed,
      http,
      twoReplicas: replicas.result,
      twoReplicasNote: replicas.note,
    };
  } finally {
    await db.drop();
  }
}

async function main() {
  // BENCH_SCALE_REPLICAS_ONLY=1: the two-replica comparison alone (PostgreSQL), for quick A/B runs.
  if (env.BENCH_SCALE_REPLICAS_ONLY) {
    const { result, note } = await twoReplicas({
      entities: ENTITIES,
      guardrails: GUARDRAILS,
      generation: 0,
    });
    log(
      result
        ? `postgres: one ${result.oneSeconds.toFixed(
            1,
          )} s, two ${result.seconds.toFixed(
            1,
          )} s, speedup ${result.speedup.toFixed(2)}, the replica took ${
            result.replicaShards
          } shards`
        : `postgres: two replicas ${note}`,
    );
    return;
  }
  log(
    `scale benchmark: ${ENTITIES} entities, ${GUARDRAILS} guardrails on ${machine()}`,
  );
  log(`Tech Insights comparison on ${TI_SAMPLE} entities`);
  const compared = await compareEngines(TI_SAMPLE, GUARDRAILS);
  const engines = { entities: TI_SAMPLE, ...compared };
  const all: DatabaseFigures[] = [];
  for (const name of DATABASES) {
    const db =
      name === 'sqlite' ? createSqlite() : await createPostgres(POSTGRES);
    all.push(await onDatabase(db));
  }
  printTable(all, engines);
  for (const d of all) console.log(finalLine(d, engines));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
