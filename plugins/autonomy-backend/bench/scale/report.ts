import { cpus, totalmem } from 'os';
import type { LoadFigures } from './load';
import type { HttpFigures, RunFigures } from './runs';

export interface DatabaseFigures {
  db: 'postgres' | 'sqlite';
  entities: number;
  guardrails: number;
  factRows: number;
  first: RunFigures;
  unchanged: RunFigures;
  changed: RunFigures;
  http: HttpFigures;
  /** One process's first run over two processes' (PostgreSQL); undefined: not measured. */
  twoReplicas?: {
    oneSeconds: number;
    seconds: number;
    speedup: number;
    replicaShards: number;
  };
  twoReplicasNote?: string;
}

export interface EngineFigures {
  entities: number;
  /** Ours as a run evaluates: each outcome decided and written as the text it stores. */
  storedMs: number;
  /** Ours with every result explained (messages and observed facts), as a scorecard read does. */
  explainedMs: number;
  /** Ours deciding outcomes only, what a run does for an entity that did not change. */
  outcomesMs: number;
  tiMs: number;
  speedup: number;
}

const f = (n: number | undefined, digits = 2) =>
  n === undefined ? 'na' : n.toFixed(digits);
const rows = (r: RunFigures) =>
  `${r.rowsWritten ?? 'n/a'} (pipeline) / ${r.rowsTouched ?? 'n/a'} (pg_stat)`;

/** The rows figure of the final line: the pipeline's own count, else PostgreSQL's. */
const rowsFigure = (r: RunFigures) => r.rowsWritten ?? r.rowsTouched ?? 'na';

export function machine() {
  const cpu = cpus();
  return `${cpu.length} cores (${cpu[0]?.model ?? 'unknown'}), ${Math.round(
    totalmem() / 2 ** 30,
  )} GiB RAM, Node ${process.version}, ${process.platform}`;
}

/** The human-readable table: what each figure measures, per database. */
export function printTable(all: DatabaseFigures[], engines: EngineFigures) {
  const out = (label: string, ...values: string[]) =>
    console.log(
      `${label.padEnd(58)} ${values.map(v => v.padEnd(44)).join('')}`,
    );
  console.log(`\nScale benchmark on ${machine()}`);
  out('', ...all.map(d => d.db));
  out(
    'entities / guardrails / pushed fact rows',
    ...all.map(d => `${d.entities} / ${d.guardrails} / ${d.factRows}`),
  );
  for (const [label, pick] of [
    [
      'first run on an empty store, s (runFull wall time)',
      (d: DatabaseFigures) => d.first,
    ],
    ['unchanged catalog and facts, s', (d: DatabaseFigures) => d.unchanged],
    ['1% of components changed, s', (d: DatabaseFigures) => d.changed],
  ] as const) {
    out(label, ...all.map(d => f(pick(d).seconds)));
  }
  out('rows written: first run', ...all.map(d => rows(d.first)));
  out('rows written: unchanged run', ...all.map(d => rows(d.unchanged)));
  out('rows written: changed run', ...all.map(d => rows(d.changed)));
  out(
    'peak RSS of a run process (VmHWM), MB: first/unch./chg.',
    ...all.map(d =>
      [d.first, d.unchanged, d.changed].map(r => f(r.peakRssMb, 0)).join(' / '),
    ),
  );
  out(
    '  of which before runFull() (Node, transform, modules)',
    ...all.map(d => f(d.first.startupPeakRssMb, 0)),
  );
  const latency = (l: LoadFigures) =>
    `${f(l.p50, 1)} / ${f(l.p99, 1)}, ${f(l.perSecond, 0)} (${l.requests})`;
  out(
    'scorecard GET, 50 clients: p50 / p99 ms, req/s (requests)',
    ...all.map(d => latency(d.http.scorecard)),
  );
  out(
    'rollups?scope=team, 50 clients: p50 / p99 ms, req/s',
    ...all.map(d => latency(d.http.rollup)),
  );
  out(
    'floor: health/v1/readiness, 50 clients: p50 / p99 ms, req/s',
    ...all.map(d => latency(d.http.floor)),
  );
  out(
    'one client at a time, p50 ms: scorecard / rollups',
    ...all.map(
      d =>
        `${f(d.http.scorecardAlone.p50, 1)} / ${f(d.http.rollupAlone.p50, 1)}`,
    ),
  );
  out(
    'test backend peak RSS, MB',
    ...all.map(d => f(d.http.serverPeakRssMb, 0)),
  );
  out(
    'first run, fresh db, 1 process / 2 processes, s',
    ...all.map(d =>
      d.twoReplicas
        ? `${f(d.twoReplicas.oneSeconds)} / ${f(d.twoReplicas.seconds)} = ${f(
            d.twoReplicas.speedup,
          )}× (replica: ${d.twoReplicas.replicaShards} shards)`
        : d.twoReplicasNote ?? 'na',
    ),
  );
  out(
    `Tech Insights / ours as a run evaluates, ${engines.entities} entities, ms`,
    `${f(engines.tiMs, 0)} / ${f(engines.storedMs, 0)} = ${f(
      engines.speedup,
      1,
    )}×`,
  );
  out(
    '  the same, ours explaining every result (messages, facts), ms',
    `${f(engines.tiMs, 0)} / ${f(engines.explainedMs, 0)} = ${f(
      engines.tiMs / engines.explainedMs,
      1,
    )}×`,
  );
  out(
    '  the same, ours deciding outcomes only (no messages), ms',
    `${f(engines.tiMs, 0)} / ${f(engines.outcomesMs, 0)} = ${f(
      engines.tiMs / engines.outcomesMs,
      1,
    )}×`,
  );
  console.log(
    [
      '',
      'Runs: each in its own process against a fresh database (PostgreSQL: a new database; SQLite: a',
      'file in a temp dir), over a generated catalog that holds nothing; time is runFull() alone.',
      "rows written: the pipeline's own count, and on PostgreSQL n_tup_ins+upd+del over autonomy_%.",
      'HTTP: a Backstage test backend in its own process, real auth/httpAuth/permissions/database;',
      'requests carry a static external-access token (a service principal, which the permissions',
      'service allows by its access restrictions without asking the permission backend).',
      '',
    ].join('\n'),
  );
}

/** The last lines: exactly one per database. */
export function finalLine(d: DatabaseFigures, engines: EngineFigures) {
  const peak = Math.max(
    d.first.peakRssMb,
    d.unchanged.peakRssMb,
    d.changed.peakRssMb,
  );
  return [
    `scale db=${d.db}`,
    `entities=${d.entities}`,
    `guardrails=${d.guardrails}`,
    `first_run_s=${f(d.first.seconds)}`,
    `unchanged_run_s=${f(d.unchanged.seconds)}`,
    `unchanged_rows_written=${rowsFigure(d.unchanged)}`,
    `changed_1pct_run_s=${f(d.changed.seconds)}`,
    `peak_rss_mb=${f(peak, 0)}`,
    `scorecard_p99_ms=${f(d.http.scorecard.p99, 1)}`,
    `rollup_p99_ms=${f(d.http.rollup.p99, 1)}`,
    `two_replicas_speedup=${d.twoReplicas ? f(d.twoReplicas.speedup) : 'na'}`,
    `ti_speedup=${f(engines.speedup, 1)}`,
  ].join(' ');
}
