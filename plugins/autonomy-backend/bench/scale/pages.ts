import knexFactory from 'knex';
import { createStores } from '../../src/store/createStores';
import type { ScoreQuery } from '../../src/store/DatabaseGuardrailStore';
import { buildWorld } from '../world';

/**
 * Times pages of the scorecard view (the store's `listScores`, count included) against a store
 * that `bench:scale` kept: `BENCH_KEEP_DB=1 BENCH_SCALE_FIRST_RUN_ONLY=1` leaves one, then
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/scale/pages.ts <PostgreSQL database name | SQLite directory>
 * Prints the median and worst of 15 reads per page. Migrates the store first, as a backend would.
 */
async function main() {
  const where = process.argv[2];
  if (!where) throw new Error('Name a kept database or SQLite directory');
  const knex = where.startsWith('/')
    ? knexFactory({
        client: 'better-sqlite3',
        connection: { filename: `${where}/autonomy.sqlite` },
        useNullAsDefault: true,
      })
    : knexFactory({
        client: 'pg',
        connection: `${
          process.env.BENCH_POSTGRES_CONNECTION_STRING ??
          'postgresql://postgres@127.0.0.1:5432'
        }/${where}`,
      });
  try {
    const stores = await createStores({ getClient: async () => knex });
    const guardrail = buildWorld(0, 50).definitions[7].id;
    const team = (
      await knex('autonomy_rollups')
        .where({ scope_type: 'owner' })
        .first('scope_ref')
    ).scope_ref;
    const first: ScoreQuery = {
      orderBy: 'score',
      order: 'asc',
      limit: 25,
      offset: 0,
    };
    const pages: [string, ScoreQuery][] = [
      ['all, by score', first],
      ['all, by score, descending', { ...first, order: 'desc' }],
      [
        'all, by title, page 2,000',
        { ...first, orderBy: 'title', offset: 49_975 },
      ],
      ['all, by level', { ...first, orderBy: 'level' }],
      ['level gold', { ...first, level: ['gold'] }],
      ['one team', { ...first, ownerRef: [team] }],
      [
        `${guardrail} failing`,
        { ...first, guardrailId: guardrail, state: ['fail'] },
      ],
      ['any guardrail unknown', { ...first, state: ['unknown'] }],
      [`${guardrail} in any state`, { ...first, guardrailId: guardrail }],
      ['text "service-12"', { ...first, text: 'service-12' }],
      ['text "svc-123"', { ...first, text: 'svc-123' }],
    ];
    for (const [name, query] of pages) {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < 15; i++) {
        const start = performance.now();
        total = (await stores.guardrails.listScores(query)).total;
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      console.log(
        `${name}: median ${times[7].toFixed(1)} ms, worst ${times[14].toFixed(
          1,
        )} ms (${total} entities)`,
      );
    }
  } finally {
    await knex.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
