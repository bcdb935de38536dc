import { randomBytes } from 'crypto';
import { createStores } from '../../src/store/createStores';
import { Child, type Job } from './children';
import { openKnex, type BenchDatabase } from './databases';
import { writePushedFacts } from './facts';
import { load, random, type LoadFigures } from './load';
import { isComponentLeaf, leafName, orgOf } from './org';

export interface RunFigures {
  seconds: number;
  /** From runFull(), when the pipeline reports it. */
  rowsWritten?: number;
  /** PostgreSQL only: n_tup_ins + n_tup_upd + n_tup_del over autonomy_% tables. */
  rowsTouched?: number;
  peakRssMb: number;
  /** The peak before runFull() was called (start-up, modules, migrations). */
  startupPeakRssMb: number;
}

/** Migrations, then every component's pushed facts. Setup: not measured. */
export async function prepare(db: BenchDatabase, job: Job) {
  const knex = openKnex(db.target);
  try {
    await createStores({ getClient: async () => knex });
    return await writePushedFacts(knex, orgOf(job.entities), job.generation);
  } finally {
    await knex.destroy();
  }
}

/** The "change 1%" mutation's pushed facts, before the changed run. Setup: not measured. */
export async function mutate(db: BenchDatabase, job: Job) {
  const knex = openKnex(db.target);
  try {
    return await writePushedFacts(
      knex,
      orgOf(job.entities),
      job.generation,
      true,
    );
  } finally {
    await knex.destroy();
  }
}

/** One full run in its own process; its wall time is runFull()'s, measured in the child. */
export async function timedRun(
  db: BenchDatabase,
  job: Job,
): Promise<RunFigures> {
  const before = await db.rowsTouched?.();
  const child = new Child('run.ts', job);
  const ready = await child.next('ready');
  child.send({ type: 'go' });
  const result = await child.next('result');
  const code = await child.exited;
  if (code !== 0) throw new Error(`run process exited with ${code}`);
  const after = await db.rowsTouched?.();
  return {
    seconds: result.seconds,
    rowsWritten: result.rowsWritten,
    rowsTouched:
      before !== undefined && after !== undefined ? after - before : undefined,
    peakRssMb: result.peakRssMb,
    startupPeakRssMb: ready.startupPeakRssMb,
  };
}

/**
 * A full run with a second replica working shards next to it, both started together on the same
 * fresh database: the time until the coordinator's runFull() resolves. Undefined when the
 * pipeline cannot work shards.
 */
export async function twoProcessRun(
  job: Job,
): Promise<
  { seconds: number; peakRssMb: number; replicaShards: number } | undefined
> {
  const replica = new Child('replica.ts', job);
  if ((await replica.next(['ready', 'unsupported'])).type === 'unsupported') {
    await replica.exited;
    return undefined;
  }
  const coordinator = new Child('run.ts', job);
  await coordinator.next('ready');
  coordinator.send({ type: 'go' });
  replica.send({ type: 'go' });
  const result = await coordinator.next('result');
  replica.send({ type: 'stop' });
  const replicaResult = await replica.next('result');
  const codes = await Promise.all([coordinator.exited, replica.exited]);
  if (codes.some(c => c !== 0))
    throw new Error(`replica processes exited with ${codes.join(', ')}`);
  return {
    seconds: result.seconds,
    peakRssMb: Math.max(result.peakRssMb, replicaResult.peakRssMb),
    replicaShards: replicaResult.shards,
  };
}

export interface HttpFigures {
  scorecard: LoadFigures;
  rollup: LoadFigures;
  /** One client at a time: the service time without queueing. */
  scorecardAlone: LoadFigures;
  rollupAlone: LoadFigures;
  /**
   * The same load on Backstage's readiness endpoint, which reads nothing and checks no token:
   * what the HTTP stack and the clients alone cost on this machine, the floor under the others.
   */
  floor: LoadFigures;
  serverPeakRssMb: number;
}

/** The real plugin behind a test backend, loaded over HTTP by concurrent clients. */
export async function measureHttp(
  db: BenchDatabase,
  job: Job,
  requests: number,
  concurrency: number,
): Promise<HttpFigures> {
  const token = randomBytes(24).toString('hex');
  const server = new Child('serve.ts', {
    ...job,
    backendDatabaseConfig: db.backendDatabaseConfig,
    token,
  });
  try {
    const { port } = await server.next('listening');
    const root = `http://127.0.0.1:${port}`;
    const base = `${root}/api/autonomy`;
    const org = orgOf(job.entities);
    const next = random(42);
    const scorecard = () => {
      let l: number;
      do l = Math.floor(next() * org.leaves);
      while (!isComponentLeaf(l));
      return `/entities/component/default/${leafName(l)}/scorecard`;
    };
    const rollup = () =>
      `/rollups?scope=team&limit=20&offset=${Math.floor(next() * org.teams)}`;
    const run = (path: () => string, total: number, clients = concurrency) =>
      load({ base, token, path, total, concurrency: clients });
    await run(scorecard, 200); // warm-up
    await run(rollup, 100);
    const figures = {
      scorecard: await run(scorecard, requests),
      rollup: await run(rollup, requests),
      scorecardAlone: await run(scorecard, 200, 1),
      rollupAlone: await run(rollup, 200, 1),
      floor: await load({
        base: root,
        token,
        path: () => '/.backstage/health/v1/readiness',
        total: requests,
        concurrency,
      }),
    };
    server.send({ type: 'stop' });
    const { peakRssMb } = await server.next('stopped');
    return { ...figures, serverPeakRssMb: peakRssMb };
  } finally {
    server.kill();
    await server.exited;
  }
}
