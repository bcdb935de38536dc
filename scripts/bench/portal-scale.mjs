// Measures the real portal backend (packages/backend, Backstage's own catalog) on fresh PostgreSQL
// databases with a generated catalog of about 100,000 entities: how fast the catalog ingests it,
// how long the autonomy analyses take once it is all in, and the backend's peak RSS.
//
//   node scripts/bench/portal-scale.mjs      (from the repository root; about 30 min here)
//
// PORTAL_SCALE_SERVICES  generated services, default 99,076: with the generator's 785 groups,
//                        domains and systems and the demo's 139, 100,000 in all
// PORTAL_SCALE_POSTGRES  default postgresql://postgres@127.0.0.1:5432
// PORTAL_SCALE_DEADLINE  an ISO time at which to stop whatever the state (partial figures)
// PORTAL_SCALE_KEEP=1    keep the databases (otherwise dropped at the end)
//
// Every 30 s it logs, with the 1-minute load average, the entities in the catalog's database and
// the backend's RSS; the analysis runs come from the backend's own log lines. It stops after the
// second analysis that saw the whole catalog (see refresh below), and writes results.json,
// samples.jsonl and backend.log to .data/portal-scale/<run>/ beside the printed summary. The
// backend listens on :7200 (app-config.bench-postgres.yaml).
import { spawn, execFileSync } from 'child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { loadavg } from 'os';
import { resolve } from 'path';
import { createInterface } from 'readline';

const root = resolve(import.meta.dirname, '../..');
const backendDir = resolve(root, 'packages/backend');
const requireBackend = createRequire(resolve(backendDir, 'package.json'));
const { Client } = requireBackend('pg');

const services = Number(process.env.PORTAL_SCALE_SERVICES ?? 99_076);
const pgUrl =
  process.env.PORTAL_SCALE_POSTGRES ?? 'postgresql://postgres@127.0.0.1:5432';
const deadline = process.env.PORTAL_SCALE_DEADLINE
  ? Date.parse(process.env.PORTAL_SCALE_DEADLINE)
  : Infinity;
const runId = new Date().toISOString().replace(/\D/g, '').slice(0, 12);
const prefix = `aa_portal_bench_${runId}_`;
const outDir = resolve(root, '.data/portal-scale', runId);
mkdirSync(outDir, { recursive: true });

const load1 = () => loadavg()[0].toFixed(2);
const stamp = () => new Date().toISOString().slice(11, 19);
const log = msg => console.log(`${stamp()} load ${load1()} ${msg}`);
const sec = ms => `${(ms / 1000).toFixed(1)} s`;

// One location of 100,000 entities cannot be ingested on PostgreSQL: the catalog writes all that a
// location emits with one statement whose bind parameters (one per entity) overflow the protocol's
// 65,535. So the generated file is split into parts of 5,000, each read by a Location entity of
// its own, as a catalog gathered from many repositories would be.
const generated = resolve(root, '.data/generated');
const whole = `${generated}/portal-scale-all.yaml`;
execFileSync(
  'node',
  ['scripts/bench/generate-catalog.mjs', whole, String(services)],
  { cwd: root, stdio: 'inherit' },
);
// The generator writes one JSON document a line, separated by `---` lines.
const docs = readFileSync(whole, 'utf8').trim().split('\n---\n');
const parts = [];
mkdirSync(`${generated}/portal-scale`, { recursive: true });
for (let i = 0; i < docs.length; i += 5000) {
  const part = `portal-scale/part-${parts.length}.yaml`;
  writeFileSync(
    `${generated}/${part}`,
    docs.slice(i, i + 5000).join('\n---\n'),
  );
  parts.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: { name: `portal-scale-part-${parts.length}` },
    spec: { type: 'file', target: `./${part}` },
  });
}
writeFileSync(
  `${generated}/catalog-portal-scale.yaml`,
  parts.map(part => JSON.stringify(part)).join('\n---\n'),
);
log(`${docs.length} entities in ${parts.length} locations`);

// What the backend loads: the commit and the files that differ from it at its start.
const git = (...args) =>
  execFileSync('git', args, { cwd: root }).toString().trim();
const checkout = {
  head: git('rev-parse', 'HEAD'),
  changed: git('status', '--short'),
};

// Started without `backstage-cli package start`: its file watcher restarts the backend whenever
// anyone edits a source file in this checkout. The same loader runs the same sources.
const started = Date.now();
const backend = spawn(
  process.execPath,
  [
    '--enable-source-maps',
    '--require',
    requireBackend.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
    'src/index.ts',
    ...['--config', '../../app-config.yaml'],
    ...['--config', '../../app-config.bench-postgres.yaml'],
  ],
  {
    cwd: backendDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORTAL_SCALE_POSTGRES: pgUrl,
      PORTAL_SCALE_DB_PREFIX: prefix,
    },
  },
);
log(`backend pid ${backend.pid}, databases ${prefix}*, output in ${outDir}`);
let exited = false;
backend.on('exit', code => {
  exited = true;
  log(`backend exited (${code})`);
});

// The analysis task logs one line per run (plugins/autonomy-backend/src/run/analysisTask.ts) and
// the pipeline one with its phases just before it.
const runs = [];
const problems = [];
let lastPhases;
const backendLog = createWriteStream(resolve(outDir, 'backend.log'));
const scan = raw => {
  backendLog.write(`${raw}\n`);
  const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
  const phases = line.match(/Run \S+: (.*)$/);
  if (phases) lastPhases = phases[1];
  const m = line.match(
    /Analysed (\d+) entities, evaluated guardrails for (\d+) in (\d+) shards, wrote (\d+) rows, in (\d+) ms/,
  );
  if (m) {
    const [entities, evaluated, shards, rows, ms] = m.slice(1).map(Number);
    const run = { endedAt: new Date().toISOString(), entities, evaluated };
    Object.assign(run, { shards, rows, ms, load1: load1() });
    runs.push({ ...run, phases: lastPhases });
    log(`analysis: ${entities} entities, ${evaluated} evaluated, ${sec(ms)}`);
  } else if (/autonomy.*\b(error|warn)\b|Task .*autonomy.* failed/i.test(line))
    problems.push(line.slice(0, 500));
};
createInterface({ input: backend.stdout }).on('line', scan);
createInterface({ input: backend.stderr }).on('line', scan);

// Peak and current RSS of the backend process, in MB.
const memory = () => {
  try {
    const status = readFileSync(`/proc/${backend.pid}/status`, 'utf8');
    const kb = key => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))[1]);
    return {
      hwm: Math.round(kb('VmHWM') / 1024),
      rss: Math.round(kb('VmRSS') / 1024),
    };
  } catch {
    return undefined;
  }
};

// The catalog's database exists once the backend has started; until then a sample has an error.
let db;
const catalogCounts = async () => {
  if (!db) {
    // A database given beside a connection string would be overridden by it.
    const url = new URL(pgUrl);
    url.pathname = `/${prefix}catalog`;
    const client = new Client({ connectionString: String(url) });
    await client.connect();
    db = client;
  }
  // pending: known to the catalog, without a final entity yet and without processing errors
  // (an entity that fails processing, such as the demo's broken guardrail, never gets one).
  const { rows } = await db.query(`SELECT
    (SELECT count(*) FROM refresh_state) AS known,
    (SELECT count(*) FROM final_entities WHERE final_entity IS NOT NULL) AS final,
    (SELECT count(*) FROM refresh_state r
       LEFT JOIN final_entities f ON f.entity_id = r.entity_id
       WHERE f.final_entity IS NULL AND coalesce(r.errors, '[]') IN ('[]', '')) AS pending,
    (SELECT count(*) FROM stitch_queue) AS stitching`);
  return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, +v]));
};

// Once the catalog is complete the analysis is started at once, as a platform admin would with
// "re-analyse now" (POST /refresh; the guest is one in app-config.yaml), instead of waiting up to
// the 5 minutes of the schedule; and again when that run has ended. False while a run is going.
const base = 'http://localhost:7200/api';
const refresh = async () => {
  try {
    const auth = await fetch(`${base}/auth/guest/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    }).then(r => r.json());
    const res = await fetch(`${base}/autonomy/refresh`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${auth.backstageIdentity.token}` },
    });
    log(`POST /autonomy/refresh: ${res.status}`);
    return res.status === 202;
  } catch (e) {
    log(`POST /autonomy/refresh failed: ${e}`);
    return false;
  }
};
let awaitedRuns; // the number of logged runs after which a triggered run will log
// The runs whose snapshot held every entity: one may have begun before a sample saw them all.
const wholeCatalogRuns = () =>
  ingested ? runs.filter(r => r.entities >= ingested.entities) : [];

const samples = [];
let peak = 0;
let ingested; // when every entity the catalog knows had a final entity or an error
const sleep = ms => new Promise(r => setTimeout(r, ms));
// Stopped from outside: still stop the backend, write the results and drop the databases.
let signalled = false;
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => (signalled = true));
let reason;
for (;;) {
  await sleep(30_000);
  const mem = memory();
  if (mem) peak = Math.max(peak, mem.hwm);
  let counts;
  try {
    counts = await catalogCounts();
  } catch (e) {
    counts = { error: String(e.message ?? e) };
    await db?.end().catch(() => {});
    db = undefined;
  }
  const at = Date.now();
  samples.push({
    at: new Date(at).toISOString(),
    load1: load1(),
    ...counts,
    ...mem,
  });
  const perSecond = (
    (counts.final - (samples.at(-2)?.final || 0)) / 30 || 0
  ).toFixed(1);
  log(
    `catalog ${JSON.stringify(counts)} (+${perSecond}/s) rss ${
      mem?.rss
    } MB, peak ${mem?.hwm} MB`,
  );
  if (!ingested && counts.final >= services + 785 && counts.pending === 0) {
    ingested = { at, seconds: (at - started) / 1000, entities: counts.final };
    log(
      `all ${counts.final} entities in the catalog after ${sec(at - started)}`,
    );
  }
  const full = wholeCatalogRuns();
  if (ingested && full.length < 2) {
    if (awaitedRuns !== undefined && runs.length > awaitedRuns)
      awaitedRuns = undefined;
    if (awaitedRuns === undefined && (await refresh()))
      awaitedRuns = runs.length;
  }
  if (full.length >= 2) reason = 'two analyses of the whole catalog';
  else if (exited) reason = 'the backend exited';
  else if (at >= deadline) reason = 'deadline';
  else if (signalled) reason = 'signal';
  if (reason) break;
}
log(`stopping: ${reason}`);

if (!exited) {
  backend.kill('SIGTERM');
  for (let i = 0; i < 30 && !exited; i++) await sleep(1000);
  if (!exited) backend.kill('SIGKILL');
}
await db?.end().catch(() => {});

// Ingestion rate over the samples: from the first with entities to the last still growing.
const grown = samples.filter(s => s.final > 0);
const first = grown[0];
const last = grown.find(s => s.final === grown.at(-1).final) ?? first;
const rate =
  first && last !== first
    ? (last.final - first.final) /
      ((Date.parse(last.at) - Date.parse(first.at)) / 1000)
    : undefined;
const full = wholeCatalogRuns();
const results = {
  runId,
  checkout,
  services,
  stopped: reason,
  startedAt: new Date(started).toISOString(),
  ingested,
  entitiesAtEnd: grown.at(-1)?.final ?? 0,
  // From the first sample with entities to the first that had them all (or the last).
  ingestionRatePerSecond: rate && Number(rate.toFixed(1)),
  // Everything from the backend's start, its start-up and the location's reading included.
  overallRatePerSecond:
    ingested && Number((ingested.entities / ingested.seconds).toFixed(1)),
  firstFullAnalysis: full[0],
  secondFullAnalysis: full[1],
  peakRssMb: peak,
  runs,
  problems: problems.slice(-20),
};
writeFileSync(
  resolve(outDir, 'results.json'),
  JSON.stringify(results, null, 2),
);
writeFileSync(
  resolve(outDir, 'samples.jsonl'),
  samples.map(s => JSON.stringify(s)).join('\n'),
);

if (!process.env.PORTAL_SCALE_KEEP) {
  const admin = new Client({ connectionString: pgUrl });
  await admin.connect();
  const { rows } = await admin.query(
    'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
    [prefix],
  );
  for (const { datname } of rows)
    await admin.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
  await admin.end();
  log(`dropped ${rows.length} databases ${prefix}*`);
}

console.log(
  `\n${JSON.stringify(
    { ...results, runs: undefined, problems: undefined },
    null,
    2,
  )}`,
);
console.log(
  `${runs.length} analysis runs, ${problems.length} warnings/errors: ${outDir}/results.json`,
);
