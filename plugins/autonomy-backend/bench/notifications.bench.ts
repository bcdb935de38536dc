/*
 * What finding and recording notifications adds to the transaction that applies a full run, at
 * catalog scale on PostgreSQL: 100,000 stored entities, a run that changed 10,000 of them (1,000
 * dropped a level), and a heat map of 1,000 teams × 50 guardrails (every tenth cell failing, a
 * hundred newly).
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/notifications.bench.ts
 */
import knexFactory, { type Knex } from 'knex';
import { createStores } from '../src/store/createStores';
import { failingCells, stagedLevelChanges } from '../src/store/resultChanges';
import { AutonomyNotifier } from '../src/service/AutonomyNotifier';
import { compileGuardrails } from '../src/domain/guardrails/compileGuardrails';
import { guardrailDef } from '../src/testUtils/guardrailFixtures';
import { scoreRowFixture } from '../src/testUtils/scoreRowFixture';

const ENTITIES = 100_000;
const CHANGED = 10_000;
const DROPPED = 1_000;
const TEAMS = 1_000;
const GUARDRAILS = 50;
const DB = 'bench_autonomy_notifications';
const RUN = 'bench-run';
const STARTED = '2026-11-26T10:00:00.000Z';

const row = (i: number, levelRank: number) =>
  scoreRowFixture(`service-${i}`, '2026-11-25T10:00:00.000Z', {
    title: `Service ${i}`,
    owner_ref: `group:default/team-${i % TEAMS}`,
    level: ['bronze', 'silver', 'gold'][levelRank] ?? null,
    level_rank: levelRank,
    bucket: i % 1024,
  });

async function insert(knex: Knex, table: string, rows: object[]) {
  for (let i = 0; i < rows.length; i += 1000)
    await knex(table).insert(rows.slice(i, i + 1000));
}

async function main() {
  const connection =
    process.env.BENCH_POSTGRES_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432';
  const admin = knexFactory({ client: 'pg', connection });
  await admin.raw(`DROP DATABASE IF EXISTS ${DB}`);
  await admin.raw(`CREATE DATABASE ${DB}`);
  await admin.destroy();
  const knex = knexFactory({
    client: 'pg',
    connection: `${connection}/${DB}`,
  });
  try {
    const stores = await createStores({ getClient: async () => knex });
    await insert(
      knex,
      'autonomy_entity_scores',
      Array.from({ length: ENTITIES }, (_, i) => row(i, 1)),
    );
    await insert(
      knex,
      'autonomy_staged_scores',
      Array.from({ length: CHANGED }, (_, i) => ({
        ...row(i, i < DROPPED ? 0 : 1),
        evaluated_at: STARTED,
        run_id: RUN,
      })),
    );
    const cells = [];
    for (let t = 0; t < TEAMS; t++)
      for (let g = 0; g < GUARDRAILS; g++)
        if ((t + g) % 10 === 0)
          cells.push({
            owner_ref: `group:default/team-${t}`,
            guardrail_id: `guardrail-${g}`,
            state: 'fail',
            count: 1,
          });
    await insert(knex, 'autonomy_heatmap', cells);
    await knex.raw('ANALYZE');

    const guardrails = compileGuardrails({
      levels: ['bronze', 'silver', 'gold'],
      sources: [],
      providerIds: [],
      definitions: Array.from({ length: GUARDRAILS }, (_, g) =>
        guardrailDef(`guardrail-${g}`, { fact: 'owner.isTeam', equals: true }),
      ),
    });
    const notifier = new AutonomyNotifier({
      stores,
      guardrails: async () => [],
      readMemberships: async () => new Map(),
      notifications: { send: async () => {} },
      logger: {
        info() {},
        warn() {},
        error() {},
        debug() {},
        child() {
          return this;
        },
      } as any,
      now: () => new Date(STARTED),
    });
    for (const attempt of ['first', 'again (all recorded: insert-or-skip)']) {
      const started = process.hrtime.bigint();
      let found = 0;
      await knex.transaction(async tx => {
        const levelChanges = await stagedLevelChanges(tx, RUN, STARTED);
        const failingBefore = await failingCells(tx);
        // A hundred team × guardrail cells start failing in this run.
        const failingAfter = [
          ...failingBefore,
          ...Array.from({ length: 100 }, (_, t) => ({
            ownerRef: `group:default/team-${t}`,
            guardrailId: `guardrail-${(t % 9) + 1}`,
          })),
        ];
        found = levelChanges.length;
        await notifier.onResultChanges(
          tx,
          { levelChanges, failingBefore, failingAfter },
          guardrails,
        );
      });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const recorded = (
        await knex('autonomy_notifications').count({ n: '*' })
      )[0].n;
      console.log(
        `${attempt}: ${found} level changes found, ${recorded} notifications in the ledger, ${ms.toFixed(
          0,
        )} ms inside the apply transaction`,
      );
    }
  } finally {
    await knex.destroy();
    const cleanup = knexFactory({ client: 'pg', connection });
    await cleanup.raw(`DROP DATABASE IF EXISTS ${DB}`);
    await cleanup.destroy();
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
