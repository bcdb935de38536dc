import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { AddressInfo } from 'net';
import express from 'express';
import knexFactory, { type Knex } from 'knex';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { buildSnapshot } from '../src/domain/catalogSnapshot';
import {
  compileGuardrails,
  type CompiledGuardrails,
} from '../src/domain/guardrails/compileGuardrails';
import {
  evaluateCatalog,
  type CatalogFacts,
  type ScoredEntity,
} from '../src/domain/guardrails/evaluateCatalog';
import { historyPoints } from '../src/domain/guardrails/history';
import { createStores } from '../src/store/createStores';
import { GuardrailService } from '../src/service/GuardrailService';
import { createRouter } from '../src/router';
import { buildWorld } from './world';
import { runTechInsights } from './techInsights';

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[
    Math.min(xs.length - 1, Math.floor(xs.length * p))
  ];
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const line = (label: string, value: string) =>
  console.log(`${label.padEnd(64)} ${value}`);

/** Serves the real router over a store and fires concurrent scorecard requests at it. */
async function loadScorecardEndpoint(
  knex: Knex,
  compiled: CompiledGuardrails,
  refs: string[],
  label: string,
) {
  const stores = await createStores({ getClient: async () => knex });
  const guardrails = new GuardrailService({
    stores,
    guardrails: compiled,
    sources: [],
    maxExemptionDays: 90,
    pipeline: {} as any,
    now: () => new Date(),
  });
  // Authentication and authorization are Backstage's own services, outside what is measured here.
  const router = await createRouter({
    httpAuth: {
      credentials: async () => ({
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'user', userEntityRef: 'user:default/bench' },
      }),
    } as any,
    permissions: {
      authorize: async (reqs: unknown[]) =>
        reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
    } as any,
    scheduler: {} as any,
    missions: {} as any,
    guardrails,
    boundaries: {} as any,
    factProviders: { list: () => [] } as any,
  });
  const app = express().use(router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const total = 2000;
  const concurrency = 32;
  const latencies: number[] = [];
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const ref = refs[(next++ * 7919) % refs.length];
        const [, rest] = ref.split(':');
        const t = process.hrtime.bigint();
        const res = await fetch(`${base}/entities/component/${rest}/scorecard`);
        if (res.status !== 200)
          throw new Error(`scorecard answered ${res.status}`);
        await res.json();
        latencies.push(ms(t));
      }
    }),
  );
  const wall = ms(start);
  server.close();
  line(
    `scorecard endpoint (${label}, ${concurrency} concurrent, ${total} requests)`,
    `p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(
      latencies,
      0.99,
    ).toFixed(1)} ms, ${Math.round((total / wall) * 1000)} req/s`,
  );
}

async function storeRuns(
  knex: Knex,
  scored: ScoredEntity[],
  compiled: CompiledGuardrails,
  evaluate: () => ScoredEntity[],
  label: string,
) {
  const stores = await createStores({ getClient: async () => knex });
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    const entities = evaluate();
    await stores.guardrails.replaceAll({
      entities,
      evaluatedAt: new Date(),
      history: historyPoints(entities, new Date().toISOString().slice(0, 10)),
      pruneBeforeDay: '2000-01-01',
    });
    times.push(ms(start));
  }
  const rows = scored.reduce((n, e) => n + e.results.length, 0);
  line(
    `full evaluation + results stored in one transaction (${label})`,
    `median ${median(times).toFixed(0)} ms (${rows} results, ${
      scored.length
    } scores)`,
  );
  await loadScorecardEndpoint(
    knex,
    compiled,
    scored.map(s => s.entityRef),
    label,
  );
  await knex.destroy();
}

/** Issue 4's benchmark: 5,000 entities × 50 guardrails by default. */
export async function benchGuardrails(entityCount: number, checkCount: number) {
  console.log(
    `\nGuardrails: ${entityCount} entities × ${checkCount} guardrails (5 fact sources × 10 facts per entity)`,
  );
  const world = buildWorld(entityCount, checkCount);
  const snapshot = buildSnapshot(world.entities);
  const compileStart = process.hrtime.bigint();
  const compiled = compileGuardrails({
    levels: world.levels,
    definitions: world.definitions,
    sources: world.sources,
  });
  line(
    'compile all guardrails (once, at start-up)',
    `${ms(compileStart).toFixed(2)} ms`,
  );
  const facts: CatalogFacts = {
    missions: new Map(),
    pushed: world.pushed,
    provided: new Map(),
    derived: new Map(),
    exemptions: new Map(),
  };
  const evaluate = () => evaluateCatalog(snapshot, compiled, facts, Date.now());

  evaluate();
  const evalTimes = Array.from({ length: 5 }, () => {
    const start = process.hrtime.bigint();
    evaluate();
    return ms(start);
  });
  const ours = median(evalTimes);
  const scored = evaluate();
  const ourPassing = scored.reduce((n, e) => n + e.counts.pass, 0);
  line(
    'Aligned Autonomy: evaluate every entity × guardrail (in memory)',
    `median ${ours.toFixed(0)} ms (${(
      (ours * 1000) /
      (entityCount * checkCount)
    ).toFixed(2)} µs per entity·guardrail)`,
  );

  const ti = await runTechInsights(
    [...world.pushed.keys()],
    world.pushed,
    checkCount,
  );
  line(
    'Tech Insights JsonRulesEngineFactChecker, same checks and facts',
    `${ti.ms.toFixed(0)} ms (${(
      (ti.ms * 1000) /
      (entityCount * checkCount)
    ).toFixed(2)} µs per entity·check, ${(ti.storeCalls / entityCount).toFixed(
      0,
    )} store calls per entity)`,
  );
  if (ti.passing !== ourPassing || ti.results !== entityCount * checkCount) {
    throw new Error(
      `The engines disagree: Tech Insights ${ti.passing}/${ti.results} passing, ours ${ourPassing}`,
    );
  }
  line('verdicts agree', `${ourPassing} of ${ti.results} checks pass in both`);
  line(
    'speed-up over the Tech Insights checker (evaluation)',
    `${(ti.ms / ours).toFixed(1)}×`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'autonomy-bench-'));
  await storeRuns(
    knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(dir, 'bench.sqlite') },
      useNullAsDefault: true,
    }),
    scored,
    compiled,
    evaluate,
    'SQLite on disk',
  );
  const pg = process.env.BENCH_POSTGRES_CONNECTION_STRING;
  if (!pg) {
    line('PostgreSQL', 'skipped (set BENCH_POSTGRES_CONNECTION_STRING)');
    return;
  }
  const admin = knexFactory({ client: 'pg', connection: pg });
  const database = `autonomy_bench_${Date.now()}`;
  await admin.raw(`CREATE DATABASE ${database}`);
  try {
    await storeRuns(
      knexFactory({
        client: 'pg',
        connection: `${pg.replace(/\/$/, '')}/${database}`,
      }),
      scored,
      compiled,
      evaluate,
      'PostgreSQL',
    );
  } finally {
    await admin.raw(`DROP DATABASE ${database}`);
    await admin.destroy();
  }
}
