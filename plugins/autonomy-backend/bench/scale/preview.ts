import { loadavg } from 'node:os';
import { ConfigReader } from '@backstage/config';
import { readGuardrailsConfig } from '../../src/config/readGuardrailsConfig';
import type { GuardrailDefinition } from '@aligned-autonomy/plugin-autonomy-common';
import { compileGuardrails } from '../../src/domain/guardrails/compileGuardrails';
import { GuardrailPreviewService } from '../../src/service/preview/GuardrailPreviewService';
import { createStores } from '../../src/store/createStores';
import type { Job } from './children';
import { autonomyConfig } from './config';
import {
  createPostgres,
  createSqlite,
  openKnex,
  type BenchDatabase,
} from './databases';
import { prepare, timedRun } from './runs';

/**
 * The preview benchmark (`yarn bench:preview`): the scale benchmark's world (BENCH_SCALE_ENTITIES,
 * default 100,000; BENCH_SCALE_GUARDRAILS, default 50) analysed once by a full run, then previews
 * of one guardrail timed in this process through the service the route calls (definition read,
 * stored inputs, pushed facts, outcomes and exemptions read, impact computed). Target: under 2 s.
 * Two first previews are timed apart: first that of a replica whose local task warmed its copy of
 * the inputs (`keepInputsCurrent` as the task calls it, timed too; the plugin's default), then
 * that of a replica that fills its copy with its first preview (`keepInputsWarm: false`).
 * BENCH_SCALE_DATABASES: postgres (default), sqlite, or both. Run with `node --expose-gc` to print
 * the heap the warmed copy holds.
 */
const env = process.env;
const ENTITIES = Number(env.BENCH_SCALE_ENTITIES ?? 100_000);
const GUARDRAILS = Number(env.BENCH_SCALE_GUARDRAILS ?? 50);
const POSTGRES =
  env.BENCH_POSTGRES_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';
const DATABASES = (env.BENCH_SCALE_DATABASES ?? 'postgres').split(',');
const REPEATS = Number(env.BENCH_PREVIEW_REPEATS ?? 5);

// The one-minute load average beside every line: the figures depend on what else the machine runs.
const log = (message: string) =>
  console.log(
    `[${new Date().toISOString().slice(11, 19)} load ${loadavg()[0].toFixed(
      1,
    )}] ${message}`,
  );

/** What is previewed: a new guardrail on one pushed source, a changed one, one on every entity. */
const PREVIEWS: Record<string, Record<string, unknown> | string> = {
  'new, pushed facts': {
    id: 'coverage-80',
    title: 'Coverage of 80',
    rationale: { why: 'benchmark' },
    appliesTo: { kind: 'component' },
    rule: { fact: 'src1.s1_f3', greaterThanOrEqual: 80 },
    level: 'gold',
  },
  'changed (check-0), YAML': [
    'id: check-0',
    'title: Check 0, stricter',
    'rationale: { why: benchmark }',
    'appliesTo: { kind: component }',
    'rule: { all: [ { fact: src0.s0_f0, greaterThanOrEqual: 60 } ] }',
    'level: bronze',
  ].join('\n'),
  'new, every kind, catalog facts': {
    apiVersion: 'aligned-autonomy.io/v1alpha1',
    kind: 'Guardrail',
    metadata: { name: 'owned-by-team' },
    spec: {
      type: 'required',
      owner: 'group:default/platform',
      rationale: { why: 'benchmark' },
      rule: { fact: 'owner.isTeam', equals: true },
      level: 'bronze',
    },
  },
};

/** The heap in use after a full collection; undefined unless node runs with --expose-gc. */
const heapUsed = () => {
  if (!global.gc) return undefined;
  global.gc();
  return process.memoryUsage().heapUsed;
};

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function onDatabase(label: string) {
  // BENCH_PREVIEW_KEEP=1 keeps an analysed PostgreSQL database for further runs, which reuse it
  // with BENCH_PREVIEW_DATABASE=<its connection string> and skip the set-up.
  const reuse = env.BENCH_PREVIEW_DATABASE;
  let db: BenchDatabase;
  if (reuse)
    db = {
      label: 'postgres',
      target: { client: 'pg', connection: reuse },
      backendDatabaseConfig: {},
      drop: async () => {},
    };
  else
    db = label === 'postgres' ? await createPostgres(POSTGRES) : createSqlite();
  const job: Job = {
    target: db.target,
    entities: ENTITIES,
    guardrails: GUARDRAILS,
    generation: 0,
  };
  try {
    if (!reuse) {
      log(`${db.label}: migrations and pushed facts (setup)`);
      await prepare(db, job);
      log(`${db.label}: first full run (setup, in a child process)`);
      const run = await timedRun(db, job);
      log(`${db.label}: analysed in ${run.seconds.toFixed(1)} s`);
      // BENCH_PREVIEW_RERUN=1: an unchanged run too; with BENCH_VERBOSE=1 both runs log their
      // phases, among them what keeping the preview inputs costs.
      if (env.BENCH_PREVIEW_RERUN) {
        const again = await timedRun(db, job);
        log(
          `${db.label}: unchanged run in ${again.seconds.toFixed(1)} s, ${
            again.rowsWritten
          } rows written`,
        );
      }
    }

    const knex = openKnex(db.target);
    try {
      const stores = await createStores({ getClient: async () => knex });
      const config = readGuardrailsConfig(
        new ConfigReader(autonomyConfig(GUARDRAILS)),
      );
      const compile = (definitions: GuardrailDefinition[]) =>
        compileGuardrails({ ...config, definitions, operators: [] });
      const current = compile(config.definitions);
      const replica = (keepInputsWarm: boolean) =>
        new GuardrailPreviewService({
          stores,
          guardrails: async () => ({ current, compile }),
          provided: async () => new Map(),
          now: () => new Date(),
          keepInputsWarm,
        });
      const [first] = Object.values(PREVIEWS);
      const timed = async <T>(name: string, fn: () => Promise<T>) => {
        const start = process.hrtime.bigint();
        const result = await fn();
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        log(`${db.label}: ${name}: ${ms.toFixed(0)} ms`);
        console.log(
          `preview db=${
            db.label
          } entities=${ENTITIES} case="${name}" ms=${ms.toFixed(
            0,
          )} load=${loadavg()[0].toFixed(1)}`,
        );
        return result;
      };

      // A replica whose local task warmed its copy before anyone previewed: the task's call,
      // then the first preview. It runs first, so it also pays this process's first-call costs.
      const warmed = replica(true);
      const heapBefore = heapUsed();
      await timed('warm-up by the local task', () =>
        warmed.keepInputsCurrent(),
      );
      const heapAfter = heapUsed();
      if (heapBefore !== undefined && heapAfter !== undefined)
        log(
          `${db.label}: the warmed copy holds ${(
            (heapAfter - heapBefore) /
            2 ** 20
          ).toFixed(0)} MB of heap`,
        );
      const fromWarmed = await timed(
        'first preview, warmed by the local task',
        () => warmed.preview(first),
      );

      // A replica with keepInputsWarm false: its first preview reads the stored inputs (its copy
      // is then kept until a run changes them). The medians below are this replica's.
      const service = replica(false);
      const fromCold = await timed('first preview, not warmed', () =>
        service.preview(first),
      );
      if (JSON.stringify(fromWarmed) !== JSON.stringify(fromCold))
        throw new Error('The warmed and the cold replica answered differently');
      for (const [name, definition] of Object.entries(PREVIEWS)) {
        const times: number[] = [];
        let summary = '';
        for (let i = 0; i < REPEATS; i++) {
          const start = process.hrtime.bigint();
          const impact = await service.preview(definition);
          times.push(Number(process.hrtime.bigint() - start) / 1e6);
          summary = `${impact.entityCount} entities read, ${
            impact.counts.applicable
          } applicable (${impact.counts.pass} pass, ${
            impact.counts.fail
          } fail, ${impact.counts.unknown} unknown), ${impact.levelMoves.reduce(
            (n, m) => n + m.up + m.down,
            0,
          )} level moves`;
        }
        log(
          `${db.label}: preview ${name}: median ${median(times).toFixed(
            0,
          )} ms, worst ${Math.max(...times).toFixed(
            0,
          )} ms of ${REPEATS}; ${summary}`,
        );
        console.log(
          `preview db=${
            db.label
          } entities=${ENTITIES} case="${name}" median_ms=${median(
            times,
          ).toFixed(0)} worst_ms=${Math.max(...times).toFixed(
            0,
          )} target_ms=2000 load=${loadavg()[0].toFixed(1)}`,
        );
      }
    } finally {
      await knex.destroy();
    }
  } finally {
    if ((env.BENCH_PREVIEW_KEEP || reuse) && db.target.client === 'pg')
      log(`kept: BENCH_PREVIEW_DATABASE=${db.target.connection}`);
    else await db.drop();
  }
}

async function main() {
  for (const label of DATABASES) await onDatabase(label);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
