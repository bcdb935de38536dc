import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import {
  emptyStateCounts,
  type GuardrailDefinition,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { ScoredEntity } from '../domain/guardrails/evaluateCatalog';
import { planShards } from '../domain/shards/shards';
import {
  halvesOfTallies,
  tallyCells,
  teamHalves,
} from '../domain/guardrails/halves';
import { guardrailDef } from '../testUtils/guardrailFixtures';
import { storeEvaluation } from '../testUtils/storeEvaluation';
import { HeatmapTally, refreshRollups } from './aggregates';
import { BULK_ROWS } from './bulkIndexes';
import type { Stores } from './createStores';
import { recordAppliedSet } from './DatabaseGuardrailSetStore';
import { openStores } from '../testUtils/openStores';
import { syncTeamTallies } from './teamTallies';
import { scoreRowFixture } from '../testUtils/scoreRowFixture';
import type { ScoreQuery } from './scorePages';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

function scored(
  name: string,
  overrides: Partial<ScoredEntity> = {},
): ScoredEntity {
  return {
    entityRef: `component:default/${name}`,
    kind: 'component',
    title: name,
    ownerRef: 'group:default/team-a',
    systemRef: 'system:default/shop',
    domainRef: 'domain:default/commerce',
    level: 'bronze',
    levelIndex: 0,
    score: 66.7,
    counts: { ...emptyStateCounts(), pass: 2, fail: 1 },
    failingGuardrailIds: ['runbook'],
    blockingNext: ['runbook'],
    results: [
      {
        guardrailId: 'owner',
        state: 'pass',
        facts: [{ id: 'owner.isTeam', value: true, source: 'catalog' }],
      },
      { guardrailId: 'mission', state: 'pass', facts: [] },
      {
        guardrailId: 'runbook',
        state: 'fail',
        message: 'expected runbook is set',
        facts: [],
      },
    ],
    ...overrides,
  };
}

const world = () => [
  scored('a'),
  scored('b', {
    ownerRef: 'group:default/team-b',
    level: 'gold',
    levelIndex: 2,
    score: 100,
    counts: { ...emptyStateCounts(), pass: 3 },
    failingGuardrailIds: [],
    results: [{ guardrailId: 'owner', state: 'pass', facts: [] }],
  }),
  scored('c', {
    level: null,
    levelIndex: -1,
    score: null,
    systemRef: undefined,
    domainRef: undefined,
    results: [{ guardrailId: 'runbook', state: 'unknown', facts: [] }],
  }),
];

const NOW = new Date('2026-11-21T12:00:00Z');
/** A heat-map cell of one entity. */
const cell = (
  guardrailId: string,
  state: string,
  ownerRef = 'group:default/team-a',
) => ({ ownerRef, guardrailId, state, count: 1 });
const LATER = new Date('2026-11-21T12:05:00Z');
const LEVELS = ['bronze', 'silver', 'gold'];

describe.each(databases.eachSupportedId())(
  'guardrail store on %p',
  (id: TestDatabaseId) => {
    let knex: Knex;
    let stores: Stores;

    beforeAll(async () => {
      ({ knex, stores } = await openStores(databases, id));
    });

    /** One field of each history point of a scope since 21 November. */
    const pointsOf = async <T>(
      type: Parameters<Stores['guardrails']['history']>[0],
      ref: string,
      pick: (
        point: Awaited<ReturnType<Stores['guardrails']['history']>>[number],
      ) => T,
    ) => (await stores.guardrails.history(type, ref, '2026-11-21')).map(pick);

    beforeEach(async () => {
      for (const table of [
        'autonomy_entity_scores',
        'autonomy_staged_scores',
        'autonomy_analysis_shards',
        'autonomy_rollups',
        'autonomy_heatmap',
        'autonomy_team_tallies',
        'autonomy_score_history',
        'autonomy_analysis_runs',
        'autonomy_guardrail_sets',
      ]) {
        await knex(table).delete();
      }
      await storeEvaluation(stores, world(), NOW);
    });

    /** What `read` returns, with the SQL of every query it sent. */
    async function withQueries<T>(read: () => Promise<T>) {
      const queries: string[] = [];
      const record = (query: { sql: string }) => queries.push(query.sql);
      knex.on('query', record);
      try {
        return { result: await read(), queries };
      } finally {
        knex.off('query', record);
      }
    }

    /** Every team's stored tallies are what its heat-map cells add up to. */
    async function expectTalliesOfHeatmap() {
      const page = await stores.guardrails.rollups('owner', LEVELS, {
        limit: 50,
        offset: 0,
      });
      expect(page.items.length).toBeGreaterThan(0);
      for (const { ref, guardrailTallies } of page.items) {
        const cells = await stores.guardrails.heatmapCells({
          ownerRefs: [ref],
        });
        expect([ref, guardrailTallies]).toEqual([ref, tallyCells(cells)]);
      }
    }

    /**
     * The listed teams' halves of a set from their stored tallies, each checked against
     * teamHalves over its cells.
     */
    async function halvesAsTeamHalves(
      definitions: GuardrailDefinition[],
      teams: string[],
    ) {
      const byId = new Map(definitions.map(d => [d.id, d]));
      const page = await stores.guardrails.rollups('owner', LEVELS, {
        limit: 50,
        offset: 0,
      });
      const halves = new Map(
        page.items.map(i => [i.ref, halvesOfTallies(i.guardrailTallies, byId)]),
      );
      for (const team of teams) {
        const cells = await stores.guardrails.heatmapCells({
          ownerRefs: [team],
        });
        expect([team, halves.get(team) ?? teamHalves([], byId)]).toEqual([
          team,
          teamHalves(cells, byId),
        ]);
      }
      return halves;
    }

    it('reads back an entity’s score and results, each fact once per entity', async () => {
      const score = await stores.guardrails.getScore('component:default/a');
      expect(score).toMatchObject({
        level: 'bronze',
        score: 66.7,
        ownerRef: 'group:default/team-a',
        failingGuardrailIds: ['runbook'],
        evaluatedAt: NOW.toISOString(),
      });
      expect(score?.counts).toEqual({
        ...emptyStateCounts(),
        pass: 2,
        fail: 1,
      });
      const results = await stores.guardrails.getResults('component:default/a');
      expect(results).toEqual(scored('a').results);
      expect(await stores.guardrails.getEvaluatedAt()).toBe(NOW.toISOString());
    });

    it('reads a scorecard with the time of the last run and the last applied set, in one query', async () => {
      const ref = 'component:default/a';
      expect(await stores.guardrails.getScorecard(ref)).toMatchObject({
        results: scored('a').results,
        lastRunAt: NOW.toISOString(),
        appliedSet: undefined,
      });
      const set = {
        definitions: [],
        optOuts: [],
        tightenings: [],
        problems: [],
      };
      await stores.guardrailSets.save('fp-a', set, LATER);
      await knex.transaction(tx =>
        recordAppliedSet(tx, 'fp-a', LATER, '2026-11-21'),
      );
      const { result: scorecard, queries } = await withQueries(() =>
        stores.guardrails.getScorecard(ref),
      );
      expect(scorecard).toMatchObject({
        lastRunAt: NOW.toISOString(),
        appliedSet: 'fp-a',
      });
      expect(queries).toHaveLength(1);
    });

    it('reads a scorecard with its exemptions and trend in one query, as their own reads give them', async () => {
      const ref = 'component:default/a';
      const at = (day: string) => new Date(`${day}T09:00:00Z`);
      const exempt = async (guardrailId: string, day: string, extra = {}) => {
        const result = await stores.exemptions.create(
          {
            entityRef: ref,
            guardrailId,
            reason: `Why “${guardrailId}” waits`,
            expiresAt: '2026-11-25T00:00:00.000Z',
            ...extra,
          },
          'user:default/maya',
          at(day),
        );
        if (!('created' in result)) throw new Error('not created');
        return result.created;
      };
      await exempt('runbook', '2026-11-10', {
        compensatingControl: 'Pager rota',
        decisionRecordUrl: 'https://adr.example/7',
      });
      const revoked = await exempt('owner', '2026-11-11');
      await stores.exemptions.revoke(
        revoked.id,
        'user:default/ana',
        'Done',
        at('2026-11-12'),
      );
      await exempt('owner', '2026-11-13');
      // Another entity's exemption, and another scope's history: neither is this scorecard's.
      await stores.exemptions.create(
        {
          entityRef: 'component:default/b',
          guardrailId: 'owner',
          reason: 'x',
          expiresAt: '2026-11-25T00:00:00.000Z',
        },
        'user:default/maya',
        at('2026-11-14'),
      );
      const point = (scope_ref: string, day: string, score: number | null) => ({
        day,
        scope_type: 'entity',
        scope_ref,
        score,
        entity_count: 1,
        level_counts: '{"bronze":1}',
      });
      await knex('autonomy_score_history').delete();
      await knex('autonomy_score_history').insert([
        point(ref, '2026-10-01', 10),
        point(ref, '2026-11-02', 20.5),
        point(ref, '2026-11-15', null),
        point(ref, '2026-11-20', 66.7),
        point('component:default/b', '2026-11-16', 99),
      ]);
      const around = { now: at('2026-11-26'), trendSince: '2026-11-10' };
      const { result: scorecard, queries } = await withQueries(() =>
        stores.guardrails.getScorecard(ref, undefined, around),
      );
      expect(queries).toHaveLength(1);
      const exemptions = await stores.exemptions.list(
        { entityRef: [ref] },
        around.now,
      );
      expect(exemptions.map(e => e.status)).toEqual([
        'expired',
        'revoked',
        'expired',
      ]);
      expect(scorecard?.exemptions).toEqual(exemptions);
      const points = await stores.guardrails.historyPoints(
        'entity',
        ref,
        around.trendSince,
      );
      expect(points.map(p => p.day)).toEqual([
        '2026-11-02',
        '2026-11-15',
        '2026-11-20',
      ]);
      expect(scorecard?.trendPoints).toEqual(points);
      // Active ones, as of a day before they expire.
      const earlier = await stores.guardrails.getScorecard(ref, undefined, {
        now: at('2026-11-14'),
        trendSince: '2026-11-21',
      });
      expect(earlier?.exemptions.map(e => e.status)).toEqual([
        'active',
        'revoked',
        'active',
      ]);
      expect(earlier?.trendPoints.map(p => [p.day, p.score])).toEqual([
        ['2026-11-20', 66.7],
      ]);
      // An entity with neither.
      expect(
        await stores.guardrails.getScorecard(
          'component:default/c',
          undefined,
          around,
        ),
      ).toMatchObject({ exemptions: [], trendPoints: [] });
    });

    it('reads the set applied last when runs apply sets in turn, not one saved since', async () => {
      const ref = 'component:default/a';
      const set = {
        definitions: [],
        optOuts: [],
        tightenings: [],
        problems: [],
      };
      const apply = (fingerprint: string, at: Date) =>
        knex.transaction(tx =>
          recordAppliedSet(tx, fingerprint, at, at.toISOString().slice(0, 10)),
        );
      const minutes = (n: number) => new Date(LATER.getTime() + n * 60_000);
      await stores.guardrailSets.save('fp-a', set, minutes(0));
      await stores.guardrailSets.save('fp-b', set, minutes(0));
      await apply('fp-a', minutes(1));
      await apply('fp-b', minutes(2));
      const applied = async () =>
        (await stores.guardrails.getScorecard(ref))?.appliedSet;
      expect(await applied()).toBe('fp-b');
      // A set saved by a run still under way is not what readers see.
      await stores.guardrailSets.save('fp-c', set, minutes(3));
      expect(await applied()).toBe('fp-b');
      // Going back to an earlier set: the one applied last, whenever it was first saved.
      await apply('fp-a', minutes(4));
      expect(await applied()).toBe('fp-a');
      expect(await stores.guardrailSets.appliedFingerprint()).toBe('fp-a');
    });

    it('searches titles and refs, through the trigram index on PostgreSQL', async () => {
      const search = (text: string) =>
        stores.guardrails.listScores({
          text,
          orderBy: 'title',
          order: 'asc',
          limit: 10,
          offset: 0,
        });
      expect(await search('DEFAULT/B')).toMatchObject({
        total: 1,
        items: [{ title: 'b' }],
      });
      expect(await stores.guardrails.searchIndexMissing()).toBe(false);
      if (!id.startsWith('POSTGRES')) return;
      await knex.raw(
        `INSERT INTO autonomy_entity_scores (entity_ref, kind, title, level_rank, pass_count,
           fail_count, warning_count, exempt_count, unknown_count, error_count,
           failing_guardrail_ids, blocking_next, evaluated_at, bucket, results)
         SELECT 'component:default/many-' || i, 'component', 'Many ' || i, 0, 0, 0, 0, 0, 0, 0,
           '[]', '[]', ?, 0,
           (SELECT string_agg(md5(i || '/' || k), '') FROM generate_series(1, 40) AS k)
         FROM generate_series(1, 5000) AS i`,
        [NOW.toISOString()],
      );
      // As after a run's bulk load: the index built, not its pending list. Only the columns
      // searched are analyzed, as a run analyzes them (a later test checks what it samples).
      await knex.raw('VACUUM autonomy_entity_scores');
      await knex.raw('ANALYZE autonomy_entity_scores (title, entity_ref)');
      const sent: { sql: string; bindings: unknown[] }[] = [];
      const record = (q: { sql: string; bindings: unknown[] }) => sent.push(q);
      knex.on('query', record);
      const found = await search('many 4242').finally(() =>
        knex.off('query', record),
      );
      expect(found).toMatchObject({
        total: 1,
        items: [{ title: 'Many 4242' }],
      });
      const searches = sent.filter(q => q.sql.includes('LIKE'));
      expect(searches).toHaveLength(2); // the count and the page
      // Among entities whose rows are as wide as a run writes them (their results inline), each
      // query the search sent reads the index: its expressions are the ones the query filters by.
      for (const { sql, bindings } of searches) {
        const { rows } = await knex.raw(
          `EXPLAIN ${sql.replace(/\$\d+/g, '?')}`,
          bindings as Knex.RawBinding[],
        );
        expect(
          rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n'),
        ).toContain('autonomy_entity_scores_search_idx');
      }
    });

    it('finds a title by its letters outside ASCII in either case', async () => {
      await storeEvaluation(
        stores,
        [
          ...world(),
          scored('ueberweisungen', { title: 'Überweisungen' }),
          scored('groesse', { title: 'Größe Services' }),
          scored('oekonomi', { title: 'økonomi' }),
        ],
        NOW,
      );
      const found = async (text: string) =>
        (
          await stores.guardrails.listScores({
            text,
            orderBy: 'title',
            order: 'asc',
            limit: 10,
            offset: 0,
          })
        ).items.map(i => i.title);
      expect(await found('über')).toEqual(['Überweisungen']);
      expect(await found('ÜBERWEIS')).toEqual(['Überweisungen']);
      expect(await found('größe')).toEqual(['Größe Services']);
      expect(await found('Økonomi')).toEqual(['økonomi']);
      expect(await found('öko')).toEqual([]);
    });

    it('filters, sorts and pages scores on the server', async () => {
      const page = (query: object) =>
        stores.guardrails.listScores({
          orderBy: 'title',
          order: 'asc',
          limit: 10,
          offset: 0,
          ...query,
        });
      const titles = async (query: object) =>
        (await page(query)).items.map(i => i.title);
      expect(await titles({ ownerRef: ['group:default/team-a'] })).toEqual([
        'a',
        'c',
      ]);
      expect(await titles({ level: ['none'] })).toEqual(['c']);
      expect((await page({ level: ['gold', 'none'] })).total).toBe(2);
      expect(await titles({ guardrailId: 'runbook', state: ['fail'] })).toEqual(
        ['a'],
      );
      expect(await titles({ guardrailId: 'owner', state: ['pass'] })).toEqual([
        'a',
        'b',
      ]);
      expect(await titles({ guardrailId: 'mission' })).toEqual(['a']);
      expect(await titles({ state: ['unknown'] })).toEqual(['c']);
      expect(await titles({ state: ['fail', 'unknown'] })).toEqual(['a', 'c']);
      expect(await titles({ text: 'B' })).toEqual(['b']);
      // Search text is literal: LIKE wildcards match themselves only.
      expect(await titles({ text: '%' })).toEqual([]);
      expect(await titles({ text: '_' })).toEqual([]);
      expect(await titles({ orderBy: 'score', order: 'desc' })).toEqual([
        'b',
        'a',
        'c',
      ]);
      const second = await page({ limit: 1, offset: 1 });
      expect([second.total, second.items.map(i => i.title)]).toEqual([
        3,
        ['b'],
      ]);
    });

    it("counts a guardrail's states from the heat map, with the entities it leaves out", async () => {
      const [a, b, c] = world();
      await storeEvaluation(
        stores,
        [
          a,
          b,
          c,
          // Without an owner (the heat map counts teams' entities only), and opted out.
          scored('d', { ownerRef: undefined }),
          scored('e', {
            results: [
              { guardrailId: 'runbook', state: 'not-applicable', facts: [] },
            ],
          }),
          scored('f', {
            ownerRef: 'group:default/team-b',
            results: [
              { guardrailId: 'runbook', state: 'exempt', facts: [] },
              { guardrailId: 'owner', state: 'warning', facts: [] },
              { guardrailId: 'mission', state: 'error', facts: [] },
            ],
          }),
        ],
        LATER,
      );
      const all = { orderBy: 'title', order: 'asc', limit: 50, offset: 0 };
      const teamA = ['group:default/team-a'];
      // Each filter, and whether the heat map counts (part of) it.
      const cases: [Partial<ScoreQuery>, boolean][] = [
        [{ guardrailId: 'runbook', state: ['fail'] }, true],
        [{ guardrailId: 'runbook', state: ['fail', 'unknown'] }, true],
        [{ guardrailId: 'runbook', state: ['pass', 'fail'] }, true],
        [{ guardrailId: 'owner', state: ['pass'] }, true],
        [{ guardrailId: 'runbook', state: ['exempt'] }, true],
        [{ guardrailId: 'owner', state: ['warning'] }, true],
        [{ guardrailId: 'mission', state: ['error'] }, true],
        [{ guardrailId: 'runbook', state: ['fail'], ownerRef: teamA }, true],
        [
          {
            guardrailId: 'runbook',
            state: ['fail'],
            ownerRef: ['group:default/nobody'],
          },
          true,
        ],
        // Any state: the heat map's, the opted-out ones from the rows.
        [{ guardrailId: 'runbook' }, true],
        [{ guardrailId: 'owner', ownerRef: teamA }, true],
        [{ guardrailId: 'runbook', state: ['not-applicable'] }, false],
        [
          {
            guardrailId: 'runbook',
            state: ['not-applicable', 'fail'],
            ownerRef: teamA,
          },
          true,
        ],
        // Other filters: the rows are counted.
        [
          { guardrailId: 'runbook', state: ['fail'], kind: ['component'] },
          false,
        ],
        [{ guardrailId: 'runbook', state: ['fail'], level: ['bronze'] }, false],
        [{ guardrailId: 'runbook', state: ['fail'], text: 'a' }, false],
      ];
      const { guardrails } = stores;
      for (const [filter, fromHeatmap] of cases) {
        const { result, queries } = await withQueries(() =>
          guardrails.listScores({ ...all, ...filter } as ScoreQuery),
        );
        expect([
          filter,
          result.total,
          queries.some(q => q.includes('autonomy_heatmap')),
        ]).toEqual([filter, result.items.length, fromHeatmap]);
      }
      expect(
        (
          await stores.guardrails.listScores({
            ...all,
            guardrailId: 'runbook',
          } as ScoreQuery)
        ).total,
      ).toBe(5); // a, c, d, e and f: b has no result for it
      // Each entity once, whichever of the states it is in.
      expect(
        (
          await stores.guardrails.listScores({
            ...all,
            guardrailId: 'runbook',
            state: ['pass', 'fail', 'unknown'],
          } as ScoreQuery)
        ).total,
      ).toBe(3);
    });

    it("reads a page's total and its rows in one transaction, so both are of one analysis", async () => {
      await storeEvaluation(stores, world(), NOW);
      const transactions: (string | undefined)[] = [];
      const seen = (q: { __knexTxId?: string; sql: string }) => {
        if (!/^(BEGIN|COMMIT|SET TRANSACTION)/i.test(q.sql))
          transactions.push(q.__knexTxId);
      };
      knex.on('query', seen);
      try {
        const page = await stores.guardrails.listScores({
          orderBy: 'score',
          order: 'asc',
          limit: 2,
          offset: 0,
          guardrailId: 'runbook',
          state: ['pass', 'fail', 'unknown'],
        });
        expect(page.total).toBe(2);
        expect(page.items).toHaveLength(2);
      } finally {
        knex.off('query', seen);
      }
      // The heat map's cells, the unowned rows, the page.
      expect(transactions.length).toBeGreaterThanOrEqual(3);
      expect(transactions[0]).toBeDefined();
      expect(new Set(transactions).size).toBe(1);
    });

    it('reads a page deep in the sort order as a page near its start', async () => {
      const many = Array.from({ length: 60 }, (_, i) =>
        scored(`m${String(i).padStart(2, '0')}`, { score: i % 7 }),
      );
      await storeEvaluation(stores, many, LATER);
      for (const orderBy of ['score', 'title', 'level', 'failing'])
        for (const order of ['asc', 'desc']) {
          const query = { orderBy, order } as Pick<
            ScoreQuery,
            'orderBy' | 'order'
          >;
          const whole = await stores.guardrails.listScores({
            ...query,
            limit: 60,
            offset: 0,
          });
          const pages = [];
          for (let offset = 0; offset < 60; offset += 25)
            pages.push(
              ...(
                await stores.guardrails.listScores({
                  ...query,
                  limit: 25,
                  offset,
                })
              ).items,
            );
          expect([orderBy, order, pages.map(p => p.entityRef)]).toEqual([
            orderBy,
            order,
            whole.items.map(p => p.entityRef),
          ]);
        }
    });

    it('sorts every way with unscored entities lowest and ties by ref, descending as the exact reverse', async () => {
      const unscored = { level: null, levelIndex: -1, score: null };
      await storeEvaluation(
        stores,
        [...world(), scored('d'), scored('e', unscored)],
        LATER,
      );
      const titles = async (orderBy: string, order: string) =>
        (
          await stores.guardrails.listScores({
            orderBy,
            order,
            limit: 10,
            offset: 0,
          } as Parameters<typeof stores.guardrails.listScores>[0])
        ).items.map(i => i.title);
      const ascending = {
        score: ['c', 'e', 'a', 'd', 'b'],
        title: ['a', 'b', 'c', 'd', 'e'],
        level: ['c', 'e', 'a', 'd', 'b'],
        failing: ['b', 'a', 'c', 'd', 'e'],
      };
      for (const [orderBy, expected] of Object.entries(ascending)) {
        expect([orderBy, await titles(orderBy, 'asc')]).toEqual([
          orderBy,
          expected,
        ]);
        expect([orderBy, await titles(orderBy, 'desc')]).toEqual([
          orderBy,
          [...expected].reverse(),
        ]);
      }
    });

    it('keeps roll-ups per team, system and the organisation', async () => {
      const page = { limit: 10, offset: 0 };
      await stores.guardrailSets.save(
        'fp-a',
        { definitions: [], optOuts: [], tightenings: [], problems: [] },
        LATER,
      );
      await knex.transaction(tx =>
        recordAppliedSet(tx, 'fp-a', LATER, '2026-11-21'),
      );
      // One query brings the page, how many there are, the last run's time and set, and the
      // teams' tallies.
      const { result: teams, queries } = await withQueries(() =>
        stores.guardrails.rollups('owner', LEVELS, page),
      );
      expect(queries).toHaveLength(1);
      expect(teams).toMatchObject({
        total: 2,
        evaluatedAt: NOW.toISOString(),
        appliedSet: 'fp-a',
      });
      expect(teams.items[0].guardrailTallies).toEqual({
        mission: [1, 1],
        owner: [1, 1],
        runbook: [2, 0],
      });
      expect(teams.items[0]).toMatchObject({
        ref: 'group:default/team-a',
        entityCount: 2,
        averageScore: 66.7,
        levelCounts: { bronze: 1, silver: 0, gold: 0, none: 1 },
      });
      expect(teams.items[0].stateCounts).toMatchObject({ pass: 4, fail: 2 });
      const systems = await stores.guardrails.rollups('system', LEVELS, page);
      expect(systems.items.map(s => [s.ref, s.entityCount])).toEqual([
        ['system:default/shop', 2],
      ]);
      const org = await stores.guardrails.rollups(undefined, LEVELS, page);
      expect(org.items).toEqual([
        expect.objectContaining({
          ref: 'org',
          entityCount: 3,
          averageScore: 83.4,
        }),
      ]);
      // With each page, how many there are; past the end too.
      for (const offset of [1, 2, 5])
        expect(
          await stores.guardrails.rollups('owner', LEVELS, {
            limit: 1,
            offset,
          }),
        ).toMatchObject({
          total: 2,
          items: offset === 1 ? [{}] : [],
          evaluatedAt: NOW.toISOString(),
          appliedSet: 'fp-a',
        });
    });

    it('tallies each team’s cells as tallyCells does, and splits them as teamHalves splits the cells', async () => {
      // A cell of a guardrail no longer in the set, and an empty cell: neither counts.
      await knex('autonomy_heatmap').insert([
        {
          owner_ref: 'group:default/team-a',
          guardrail_id: 'removed-since',
          state: 'fail',
          count: 4,
        },
        {
          owner_ref: 'group:default/team-b',
          guardrail_id: 'runbook',
          state: 'fail',
          count: 0,
        },
      ]);
      await knex.transaction(tx => syncTeamTallies(tx));
      const definitions = [
        guardrailDef(
          'owner',
          { fact: 'x', exists: true },
          { type: 'required' },
        ),
        guardrailDef('mission', { fact: 'x', exists: true }),
        guardrailDef('runbook', { fact: 'x', exists: true }, { type: 'team' }),
        guardrailDef('unused', { fact: 'x', exists: true }, { type: 'team' }),
      ];
      const teams = [
        'group:default/team-a',
        'group:default/team-b',
        'group:default/nobody',
      ];
      const halves = await halvesAsTeamHalves(definitions, teams);
      // The runbook's results of "a" (fail) and "c" (unknown).
      expect(halves.get('group:default/team-a')?.autonomous).toEqual({
        guardrailCount: 1,
        resultCount: 2,
        metCount: 0,
        metShare: 0,
      });
    });

    it('splits tallies of a set with no guardrail in one half as teamHalves does', async () => {
      const teamOnly = [
        guardrailDef('runbook', { fact: 'x', exists: true }, { type: 'team' }),
      ];
      const organisationOnly = [
        guardrailDef(
          'owner',
          { fact: 'x', exists: true },
          { type: 'required' },
        ),
        guardrailDef('runbook', { fact: 'x', exists: true }),
      ];
      const teams = ['group:default/team-a', 'group:default/team-b'];
      const asTeams = await halvesAsTeamHalves(teamOnly, teams);
      const asOrganisation = await halvesAsTeamHalves(organisationOnly, teams);
      // Team A's runbook results ("a" fails, "c" unknown) in the half each set puts them in.
      const runbook = {
        guardrailCount: 1,
        resultCount: 2,
        metCount: 0,
        metShare: 0,
      };
      const none = {
        guardrailCount: 0,
        resultCount: 0,
        metCount: 0,
        metShare: null,
      };
      expect(asTeams.get(teams[0])).toEqual({
        autonomous: runbook,
        aligned: none,
      });
      expect(asOrganisation.get(teams[0])?.aligned).toMatchObject({
        guardrailCount: 2,
      });
      expect(asOrganisation.get(teams[0])?.autonomous).toEqual(none);
    });

    it('reads an empty page of roll-ups from a store no run has filled', async () => {
      for (const table of ['autonomy_rollups', 'autonomy_analysis_runs'])
        await knex(table).delete();
      const page = await stores.guardrails.rollups('owner', LEVELS, {
        limit: 10,
        offset: 0,
      });
      expect(page).toEqual({
        items: [],
        total: 0,
        evaluatedAt: undefined,
        appliedSet: undefined,
      });
    });

    it('mends teams’ tallies on the daily recount of the heat map, cells unchanged', async () => {
      // A replica of an older version moved the heat map and not the tallies.
      await knex('autonomy_team_tallies')
        .where({ owner_ref: 'group:default/team-a' })
        .update({ tallies: '{"owner":[9,9]}' });
      await knex('autonomy_team_tallies')
        .where({ owner_ref: 'group:default/team-b' })
        .delete();
      // The first run of the next day counts the map whole; it finds every cell as stored.
      await storeEvaluation(stores, world(), new Date('2026-11-22T12:00:00Z'));
      const stored = await knex('autonomy_team_tallies').orderBy('owner_ref');
      expect(stored.map(r => [r.owner_ref, JSON.parse(r.tallies)])).toEqual([
        [
          'group:default/team-a',
          { mission: [1, 1], owner: [1, 1], runbook: [2, 0] },
        ],
        ['group:default/team-b', { owner: [1, 1] }],
      ]);
      await expectTalliesOfHeatmap();
    });

    it('keeps the heat map per team, guardrail and state', async () => {
      expect(await stores.guardrails.heatmap()).toEqual([
        cell('mission', 'pass'),
        cell('owner', 'pass'),
        cell('runbook', 'fail'),
        cell('runbook', 'unknown'),
        cell('owner', 'pass', 'group:default/team-b'),
      ]);
    });

    it('writes nothing but its bookkeeping when nothing changed', async () => {
      const before = await knex('autonomy_entity_scores').select(
        'entity_ref',
        'evaluated_at',
      );
      const applied = await storeEvaluation(stores, world(), LATER);
      // The run record only: no entity row, roll-up, heat-map cell or history point.
      expect(applied.written).toBe(1);
      expect(
        await knex('autonomy_entity_scores').select(
          'entity_ref',
          'evaluated_at',
        ),
      ).toEqual(before);
      // Every entity counts as evaluated by the latest complete run.
      expect(
        (await stores.guardrails.getScore('component:default/a'))?.evaluatedAt,
      ).toBe(LATER.toISOString());
      expect(await stores.guardrails.getEvaluatedAt()).toBe(
        LATER.toISOString(),
      );
    });

    it('rewrites a changed entity and removes one that is gone, and the aggregates follow', async () => {
      const [a, b] = world();
      const changedA = scored('a', {
        score: 100,
        level: 'gold',
        levelIndex: 2,
        counts: { ...emptyStateCounts(), pass: 3 },
        failingGuardrailIds: [],
        results: a.results.map(r => ({
          ...r,
          state: 'pass' as const,
          message: undefined,
        })),
      });
      const applied = await storeEvaluation(stores, [changedA, b], LATER);
      expect(applied.evaluatedCount).toBe(2);
      expect(
        (await stores.guardrails.getScore('component:default/a'))?.level,
      ).toBe('gold');
      expect(
        await stores.guardrails.getScore('component:default/c'),
      ).toBeUndefined();
      expect(await stores.guardrails.getResults('component:default/c')).toEqual(
        [],
      );
      const org = await stores.guardrails.rollups(undefined, LEVELS, {
        limit: 1,
        offset: 0,
      });
      expect(org.items[0]).toMatchObject({ entityCount: 2, averageScore: 100 });
      expect(
        (await stores.guardrails.heatmap()).filter(
          c => c.guardrailId === 'runbook',
        ),
      ).toEqual([cell('runbook', 'pass')]);
      expect(
        (await stores.guardrails.history('org', 'org', '2026-11-01')).map(
          p => p.score,
        ),
      ).toEqual([100]);
    });

    it('keeps history as change points, carried forward day by day, and prunes what the window no longer needs', async () => {
      const day = (d: string) => new Date(`${d}T12:00:00Z`);
      await storeEvaluation(stores, world(), day('2026-11-22'));
      await storeEvaluation(stores, world(), day('2026-11-23'));
      // Unchanged days wrote no points ...
      expect(
        Number(
          (
            await knex('autonomy_score_history')
              .where({ scope_type: 'org' })
              .count({ n: '*' })
          )[0].n,
        ),
      ).toBe(1);
      const [, b, c] = world();
      await storeEvaluation(
        stores,
        [scored('a', { score: 0 }), b, c],
        day('2026-11-24'),
      );
      // ... and reads still get one point a day.
      expect(
        (await stores.guardrails.history('org', 'org', '2026-11-20')).map(p => [
          p.day,
          p.score,
        ]),
      ).toEqual([
        ['2026-11-21', 83.4],
        ['2026-11-22', 83.4],
        ['2026-11-23', 83.4],
        ['2026-11-24', 50],
      ]);
      const trends = await stores.guardrails.trends(
        ['component:default/a'],
        '2026-11-23',
      );
      expect(trends.get('component:default/a')).toEqual([
        { day: '2026-11-23', score: 66.7 },
        { day: '2026-11-24', score: 0 },
      ]);
      expect(
        (
          await stores.guardrails.history(
            'team',
            'group:default/team-a',
            '2026-11-01',
          )
        ).at(-1),
      ).toMatchObject({ entityCount: 2, score: 0 });
      // Pruning keeps the point that opens the window.
      await storeEvaluation(
        stores,
        [scored('a', { score: 10 }), b, c],
        day('2026-12-30'),
        '2026-12-01',
      );
      const org = await stores.guardrails.history('org', 'org', '2026-12-01');
      expect(org[0]).toMatchObject({ day: '2026-12-01', score: 50 });
      expect(
        (
          await knex('autonomy_score_history')
            .where({ scope_type: 'org' })
            .orderBy('day')
        ).map(r => r.day),
      ).toEqual(['2026-11-24', '2026-12-30']);
    });

    it("writes an entity's history point only when its score, level or presence changes", async () => {
      const day = (d: string) => new Date(`${d}T12:00:00Z`);
      const points = async () =>
        (
          await knex('autonomy_score_history')
            .where({ scope_type: 'entity' })
            .orderBy(['scope_ref', 'day'])
        ).map(r => [
          r.scope_ref.replace('component:default/', ''),
          r.day,
          r.score === null ? null : Number(r.score),
          Number(r.entity_count),
          JSON.parse(r.level_counts),
        ]);
      // The world as stored on the 21st, again: nothing changed, no point.
      await storeEvaluation(stores, world(), day('2026-11-22'));
      const [a, b, c] = world();
      // "a" changes its results but neither its score nor its level: no point. "b" changes its
      // level, "c" (never scored) gets a score, and "d" appears.
      await storeEvaluation(
        stores,
        [
          { ...a, failingGuardrailIds: ['mission'] },
          { ...b, level: 'silver', levelIndex: 1 },
          { ...c, score: 50 },
          scored('d'),
        ],
        day('2026-11-23'),
      );
      // "d" is gone, then comes back as it was.
      await storeEvaluation(stores, [a, b, c], day('2026-11-24'));
      await storeEvaluation(stores, [a, b, c, scored('d')], day('2026-11-25'));

      expect(await points()).toEqual([
        ['a', '2026-11-21', 66.7, 1, { bronze: 1 }],
        ['b', '2026-11-21', 100, 1, { gold: 1 }],
        ['b', '2026-11-23', 100, 1, { silver: 1 }],
        ['b', '2026-11-24', 100, 1, { gold: 1 }],
        ['c', '2026-11-21', null, 1, { none: 1 }],
        ['c', '2026-11-23', 50, 1, { none: 1 }],
        ['c', '2026-11-24', null, 1, { none: 1 }],
        ['d', '2026-11-23', 66.7, 1, { bronze: 1 }],
        ['d', '2026-11-24', null, 0, {}],
        ['d', '2026-11-25', 66.7, 1, { bronze: 1 }],
      ]);
    });

    it("compares a run's entity points with the point in force on the run's day, not an earlier or a later one", async () => {
      const point = (
        ref: string,
        day: string,
        score: number,
        level: string,
      ) => ({
        day,
        scope_type: 'entity',
        scope_ref: `component:default/${ref}`,
        score,
        entity_count: 1,
        level_counts: JSON.stringify({ [level]: 1 }),
      });
      await knex('autonomy_score_history').insert([
        // Before the world's points of the 21st, and after the run's day: neither is in force.
        point('a', '2026-11-19', 5, 'bronze'),
        point('a', '2026-11-25', 10, 'bronze'),
        // On the run's day itself (an entity re-evaluated that morning): in force.
        point('b', '2026-11-22', 20, 'bronze'),
      ]);
      const [a, b] = world();
      // Restaged (their results changed), with the score and level of the 21st.
      await storeEvaluation(
        stores,
        [
          { ...a, failingGuardrailIds: ['mission'] },
          { ...b, failingGuardrailIds: ['mission'] },
          ...world().slice(2),
        ],
        new Date('2026-11-22T12:00:00Z'),
      );
      const points = async (ref: string) =>
        (
          await knex('autonomy_score_history')
            .where({
              scope_type: 'entity',
              scope_ref: `component:default/${ref}`,
            })
            .orderBy('day')
        ).map(r => [r.day, Number(r.score)]);
      expect(await points('a')).toEqual([
        ['2026-11-19', 5],
        ['2026-11-21', 66.7],
        ['2026-11-25', 10],
      ]);
      // The run's point replaces the day's, which differed from it.
      expect(await points('b')).toEqual([
        ['2026-11-21', 100],
        ['2026-11-22', 100],
      ]);
    });

    it('applies a first run of many rows as it applies a few, every index there after it, and keeps the indexes of a full table', async () => {
      for (const table of [
        'autonomy_entity_scores',
        'autonomy_heatmap',
        'autonomy_rollups',
        'autonomy_score_history',
      ])
        await knex(table).delete();
      // On PostgreSQL a run of this many rows into the empty table builds the indexes after it.
      const indexes = async () =>
        id.startsWith('POSTGRES')
          ? (
              await knex.raw(
                `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'autonomy_entity_scores' ORDER BY indexname`,
              )
            ).rows
          : await knex.raw(
              `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'autonomy_entity_scores' ORDER BY name`,
            );
      const before = await indexes();
      const passing = {
        counts: { ...emptyStateCounts(), pass: 1 },
        failingGuardrailIds: [],
        results: [
          { guardrailId: 'runbook', state: 'pass' as const, facts: [] },
        ],
      };
      const many = Array.from({ length: BULK_ROWS }, (_, i) =>
        scored(`bulk-${i}`, i % 2 ? {} : passing),
      );
      // An index built again is a new object: its identity tells which way a run went.
      const indexIds = async () =>
        id.startsWith('POSTGRES')
          ? (
              await knex.raw(
                `SELECT indexrelid::bigint AS id FROM pg_index WHERE indrelid = 'autonomy_entity_scores'::regclass ORDER BY 1`,
              )
            ).rows.map((r: { id: string }) => r.id)
          : [];
      const idsBefore = await indexIds();
      const applied = await storeEvaluation(stores, many, LATER);

      expect(applied.evaluatedCount).toBe(BULK_ROWS);
      expect(await indexes()).toEqual(before);
      const idsAfter = await indexIds();
      // On PostgreSQL every index but the primary key's was built again, as a new object.
      expect(
        idsAfter.filter((i: string) => !idsBefore.includes(i)),
      ).toHaveLength(id.startsWith('POSTGRES') ? idsAfter.length - 1 : 0);
      const failing = await stores.guardrails.listScores({
        orderBy: 'title',
        order: 'asc',
        limit: 1,
        offset: 0,
        guardrailId: 'runbook',
        state: ['fail'],
      });
      expect(failing.total).toBe(BULK_ROWS / 2);
      expect(
        (await stores.guardrails.getScore('component:default/bulk-1'))
          ?.failingGuardrailIds,
      ).toEqual(['runbook']);

      // A run that restages every entity (a changed guardrail set) empties the table in its
      // transaction too, but readers still read the stored rows: the indexes stay as they are.
      const next = new Date(LATER.getTime() + 86_400_000);
      await storeEvaluation(
        stores,
        many.map(e => ({ ...e, score: 12.5 })),
        next,
      );
      expect(await indexIds()).toEqual(idsAfter);
      expect(await indexes()).toEqual(before);
      expect(
        (await stores.guardrails.getScore('component:default/bulk-2'))?.score,
      ).toBe(12.5);
    });

    it('tells whether a shard waits: pending, or held by a replica gone quiet', async () => {
      const refs = world().map(e => e.entityRef);
      expect(await stores.runs.hasClaimable(LATER)).toBe(false);
      await stores.runs.planRun('r', NOW, planShards(refs, 1));
      expect(await stores.runs.hasClaimable(LATER)).toBe(true);
      const shard = (await stores.runs.claimShard('w', NOW, NOW))!;
      // Its heartbeat (NOW) is not older than NOW: the replica is at work.
      expect(await stores.runs.hasClaimable(NOW)).toBe(false);
      // Older than LATER: the replica went quiet, another may take the shard over.
      expect(await stores.runs.hasClaimable(LATER)).toBe(true);
      await stores.runs.completeShard(shard, new HeatmapTally(), 0);
      expect(await stores.runs.hasClaimable(LATER)).toBe(false);
    });

    it('keeps a row written after the run started, and closes the history of a team left without entities', async () => {
      const refs = world().map(e => e.entityRef);
      await stores.runs.planRun('r', LATER, planShards(refs, 1));
      const shard = (await stores.runs.claimShard('w', LATER, LATER))!;
      await stores.runs.stage(
        shard.runId,
        [stores.runs.row(scored('a', { score: 1 }), LATER.toISOString())],
        ['component:default/c'],
      );
      // A fact pushed while the run was under way re-evaluated "a".
      const pushedAt = new Date(LATER.getTime() + 60_000).toISOString();
      await stores.runs.replaceEntity(
        'component:default/a',
        stores.runs.row(scored('a', { score: 90 }), pushedAt),
        pushedAt,
      );
      await stores.runs.completeShard(shard, new HeatmapTally(), 2);
      await stores.runs.applyRun('r', LATER, {
        day: '2026-11-21',
        pruneBeforeDay: '2000-01-01',
      });
      expect(
        (await stores.guardrails.getScore('component:default/a'))?.score,
      ).toBe(90);
      expect(
        await stores.guardrails.getScore('component:default/c'),
      ).toBeUndefined();
      // The entity's history keeps the point of the newer row too.
      expect(
        await pointsOf('entity', 'component:default/a', p => p.score),
      ).toEqual([90]);
      // The team heat map counts the newer row, not what the run saw.
      expect(
        (await stores.guardrails.heatmap()).filter(
          c => c.ownerRef === 'group:default/team-a',
        ),
      ).toEqual([
        cell('mission', 'pass'),
        cell('owner', 'pass'),
        cell('runbook', 'fail'),
      ]);
      await expectTalliesOfHeatmap();

      const [, b] = world();
      await storeEvaluation(stores, [b], new Date('2026-11-22T12:00:00Z'));
      expect(
        await stores.guardrails.history(
          'team',
          'group:default/team-a',
          '2026-11-21',
        ),
      ).toEqual([
        expect.objectContaining({
          day: '2026-11-21',
          entityCount: 1,
          score: 90,
        }),
      ]);
    });

    it("refreshes the roll-ups of the scopes a run's rows leave and join, and they are what a full count gives", async () => {
      const rollupsOf = async () =>
        (
          await knex('autonomy_rollups').orderBy(['scope_type', 'scope_ref'])
        ).map(r => [r.scope_type, r.scope_ref, Number(r.entity_count)]);
      const [a, b] = world();
      // "a" moves to another team, system and domain; "c" leaves the catalog; "d" joins.
      await storeEvaluation(
        stores,
        [
          {
            ...a,
            ownerRef: 'group:default/team-c',
            systemRef: 'system:default/till',
            domainRef: 'domain:default/retail',
          },
          b,
          scored('d', { systemRef: 'system:default/search' }),
        ],
        LATER,
      );
      expect(await rollupsOf()).toEqual([
        ['domain', 'domain:default/commerce', 2],
        ['domain', 'domain:default/retail', 1],
        ['org', 'org', 3],
        ['owner', 'group:default/team-a', 1],
        ['owner', 'group:default/team-b', 1],
        ['owner', 'group:default/team-c', 1],
        ['system', 'system:default/search', 1],
        ['system', 'system:default/shop', 1],
        ['system', 'system:default/till', 1],
      ]);
      // Counting every scope again over every row changes nothing.
      const { written } = await knex.transaction(tx => refreshRollups(tx));
      expect(written).toBe(0);
      // The team a and c left, which d joined: its point of the day counts one entity.
      expect(
        await pointsOf('team', 'group:default/team-a', p => p.entityCount),
      ).toEqual([1]);
    });

    it('counts the heat map again after a run one of whose shards was taken over', async () => {
      const refs = world().map(e => e.entityRef);
      await stores.runs.planRun('r', LATER, planShards(refs, 1));
      const lost = (await stores.runs.claimShard('lost', LATER, LATER))!;
      // Its replica stops answering; another takes the shard over and finishes it.
      const later = new Date(LATER.getTime() + 60_000);
      const kept = (await stores.runs.claimShard('kept', later, later))!;
      expect(kept.shard).toBe(lost.shard);
      const at = LATER.toISOString();
      await stores.runs.stage(
        kept.runId,
        [stores.runs.row(scored('a', { score: 1 }), at)],
        [],
      );
      await stores.runs.completeShard(kept, new HeatmapTally(), 1);
      // The first replica was only slow: its row comes late, decided otherwise, and replaces
      // the one the tally counted.
      const passing = scored('a', {
        counts: { ...emptyStateCounts(), pass: 1 },
        failingGuardrailIds: [],
        results: [{ guardrailId: 'runbook', state: 'pass', facts: [] }],
      });
      await stores.runs.stage(lost.runId, [stores.runs.row(passing, at)], []);
      await stores.runs.applyRun('r', LATER, {
        day: '2026-11-21',
        pruneBeforeDay: '2000-01-01',
      });
      expect(
        (await stores.guardrails.heatmap()).filter(
          c => c.ownerRef === 'group:default/team-a',
        ),
      ).toEqual([cell('runbook', 'pass'), cell('runbook', 'unknown')]);
      await expectTalliesOfHeatmap();
      const page = await stores.guardrails.listScores({
        guardrailId: 'runbook',
        state: ['pass'],
        orderBy: 'title',
        order: 'asc',
        limit: 10,
        offset: 0,
      });
      expect([page.total, page.items.map(i => i.title)]).toEqual([1, ['a']]);
    });

    it('stages any text exactly, and a row staged again (a shard taken over) replaces the first', async () => {
      const refs = world().map(e => e.entityRef);
      await stores.runs.planRun('r', LATER, planShards(refs, 1));
      const shard = (await stores.runs.claimShard('w', LATER, LATER))!;
      const at = LATER.toISOString();
      await stores.runs.stage(
        shard.runId,
        [stores.runs.row(scored('a', { score: 1 }), at)],
        [],
      );
      // What COPY's text format and array literals treat specially, in every kind of column.
      const odd =
        'tab\there, new\nline, cr\r, back\\slash \\N "quoted" {a,b} é 💥';
      // An id with an underscore or a backslash was not found by the state filter on SQLite.
      const guardrailId = 'run_book"\\x';
      const results = [
        {
          guardrailId,
          state: 'fail' as const,
          message: odd,
          facts: [
            { id: 'runbook.url', value: odd, source: 'catalog' as const },
          ],
        },
      ];
      await stores.runs.stage(
        shard.runId,
        [
          stores.runs.row(
            scored('a', {
              title: odd,
              score: 5,
              failingGuardrailIds: [guardrailId],
              results,
            }),
            at,
          ),
          stores.runs.row(scored('b', { title: odd }), at),
        ],
        [],
      );
      const staged = await knex('autonomy_staged_scores')
        .where({ run_id: 'r' })
        .orderBy('entity_ref');
      expect(staged.map(r => [r.entity_ref, r.score, r.title])).toEqual([
        ['component:default/a', 5, odd],
        ['component:default/b', 66.7, odd],
      ]);
      await stores.runs.completeShard(shard, new HeatmapTally(), 3);
      await stores.runs.applyRun('r', LATER, {
        day: '2026-11-21',
        pruneBeforeDay: '2000-01-01',
      });
      expect(
        await stores.guardrails.getScore('component:default/a'),
      ).toMatchObject({
        title: odd,
        score: 5,
        failingGuardrailIds: [guardrailId],
      });
      expect(await stores.guardrails.getResults('component:default/a')).toEqual(
        results,
      );
      // The state tokens went in whole: the scorecard filter finds the entity by them.
      const found = await stores.guardrails.listScores({
        guardrailId,
        state: ['fail'],
        orderBy: 'title',
        order: 'asc',
        limit: 10,
        offset: 0,
      });
      expect(found.items.map(i => i.entityRef)).toEqual([
        'component:default/a',
      ]);
    });

    it('stages and applies results compressed the way their column says (PostgreSQL)', async () => {
      await stores.runs.planRun(
        'r',
        LATER,
        planShards(['component:default/a'], 1),
      );
      const shard = (await stores.runs.claimShard('w', LATER, LATER))!;
      // Results long enough to be compressed, as a catalog's are.
      const message = 'expected a runbook link, found none; '.repeat(200);
      const results = [
        { guardrailId: 'runbook', state: 'fail' as const, message, facts: [] },
      ];
      await stores.runs.stage(
        shard.runId,
        [stores.runs.row(scored('a', { results }), LATER.toISOString())],
        [],
      );
      if (knex.client.config.client !== 'pg') return;
      // The migration 20261127130000_results_lz4 sets lz4 where the server has it.
      const method = async (table: string) => {
        const { rows } = await knex.raw(
          `SELECT a.attcompression AS column, pg_column_compression(t.results) AS value
           FROM ?? t, pg_attribute a
           WHERE a.attrelid = ?::regclass AND a.attname = 'results'
             AND t.entity_ref = 'component:default/a'`,
          [table, table],
        );
        return rows;
      };
      expect(await method('autonomy_staged_scores')).toEqual([
        { column: 'l', value: 'lz4' },
      ]);
      await stores.runs.completeShard(shard, new HeatmapTally(), 1);
      await stores.runs.applyRun('r', LATER, {
        day: '2026-11-21',
        pruneBeforeDay: '2000-01-01',
      });
      expect(await method('autonomy_entity_scores')).toEqual([
        { column: 'l', value: 'lz4' },
      ]);
      expect(await stores.guardrails.getResults('component:default/a')).toEqual(
        results,
      );
    });

    it('analyzes the rewritten tables after a run that rewrote a large share of them (PostgreSQL)', async () => {
      // A run that wrote a few rows of a large catalog leaves them to autovacuum.
      expect(
        await stores.runs.refreshStatistics({
          stagedCount: 2_000,
          evaluatedCount: 100_000,
        }),
      ).toBe(false);
      const analyzed = await stores.runs.refreshStatistics({
        stagedCount: 90_000,
        evaluatedCount: 100_000,
      });
      const isPg = knex.client.config.client === 'pg';
      expect(analyzed).toBe(isPg);
      const analyzedTables = isPg
        ? (
            await knex.raw(
              `SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL
                 AND relname IN ('autonomy_entity_scores', 'autonomy_heatmap', 'autonomy_rollups')
               ORDER BY relname`,
            )
          ).rows.map((r: { relname: string }) => r.relname)
        : [];
      expect(analyzedTables).toEqual(
        isPg
          ? ['autonomy_entity_scores', 'autonomy_heatmap', 'autonomy_rollups']
          : [],
      );
      if (!isPg) return;
      // The state tokens too, which a state filter's plan depends on, from their smaller sample;
      // the entities' results are left out.
      const { rows } = await knex.raw(
        `SELECT a.attname, a.attstattarget,
           EXISTS (SELECT 1 FROM pg_stats s WHERE s.tablename = 'autonomy_entity_scores'
             AND s.attname = a.attname) AS sampled
         FROM pg_attribute a
         WHERE a.attrelid = 'autonomy_entity_scores'::regclass
           AND a.attname IN ('states', 'score', 'results')
         ORDER BY a.attname`,
      );
      // The default target reads -1 up to PostgreSQL 16 and NULL from 17.
      const target = (t: number | null) =>
        t === null || Number(t) < 0 ? 'default' : Number(t);
      expect(
        rows.map((r: any) => [r.attname, target(r.attstattarget), r.sampled]),
      ).toEqual([
        ['results', 'default', false],
        ['score', 'default', true],
        ['states', 10, true],
      ]);
    });

    it('reads a shard’s stored state from its index alone, once a bulk-writing run has vacuumed the rows on PostgreSQL', async () => {
      // Rows as wide as a run writes them (their results inline), over every bucket.
      const hex = (n: number) => n.toString(16).padStart(32, '0');
      const rows = Array.from({ length: 6000 }, (_, i) =>
        scoreRowFixture(`wide-${i}`, NOW.toISOString(), {
          bucket: i % 1024,
          content_hash: hex(i),
          input_key: hex(i + 1),
          results: hex(i).repeat(40),
        }),
      );
      await knex.batchInsert('autonomy_entity_scores', rows, 200);
      await stores.runs.refreshStatistics({
        stagedCount: 6_000,
        evaluatedCount: 6_000,
      });
      const sent: { sql: string; bindings: unknown[] }[] = [];
      const record = (q: { sql: string; bindings: unknown[] }) => sent.push(q);
      knex.on('query', record);
      const state = await stores.runs
        .storedState(100, 150)
        .finally(() => knex.off('query', record));
      // Buckets 100-149 hold 6 of the 6,000 entities each (i % 1024, i from 0).
      expect(state.size).toBe(300);
      expect(state.get('component:default/wide-1124')).toEqual({
        hash: hex(1124),
        inputKey: hex(1125),
        recheckAt: null,
      });
      expect(sent).toHaveLength(1);
      const isPg = knex.client.config.client === 'pg';
      const sql = sent[0].sql.replace(/\$\d+/g, '?');
      const bindings = sent[0].bindings as Knex.RawBinding[];
      const plan = isPg
        ? (await knex.raw(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`, bindings)).rows
            .map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN'])
            .join('\n')
        : (await knex.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings))
            .map((r: { detail: string }) => r.detail)
            .join('\n');
      // Fails without the covering index (a plain index scan) and, on PostgreSQL, without the
      // vacuum (heap fetches).
      expect(plan).toContain(
        isPg
          ? 'Index Only Scan using autonomy_entity_scores_shard_state_idx'
          : 'USING COVERING INDEX autonomy_entity_scores_shard_state_idx',
      );
      expect(plan).toContain(isPg ? 'Heap Fetches: 0' : 'COVERING INDEX');
    });

    it('keeps the previous complete analysis when a run dies before it is applied', async () => {
      // A run that staged a change and a removal, then its replica died.
      await stores.runs.planRun(
        'dead',
        LATER,
        planShards(['component:default/a'], 1),
      );
      const shard = (await stores.runs.claimShard('w', LATER, LATER))!;
      await stores.runs.stage(
        shard.runId,
        [stores.runs.row(scored('a', { score: 1 }), LATER.toISOString())],
        ['component:default/b'],
      );
      expect(
        (await stores.guardrails.getScore('component:default/a'))?.score,
      ).toBe(66.7);
      expect(
        await stores.guardrails.getScore('component:default/b'),
      ).toBeDefined();
      await expect(
        stores.runs.applyRun('dead', LATER, {
          day: '2026-11-21',
          pruneBeforeDay: '2000-01-01',
        }),
      ).rejects.toThrow(/not complete/);
      expect(await stores.guardrails.getEvaluatedAt()).toBe(NOW.toISOString());
      // The next run starts clean: nothing of the dead one is applied.
      await storeEvaluation(stores, world(), LATER);
      expect(
        (await stores.guardrails.getScore('component:default/a'))?.score,
      ).toBe(66.7);
      expect(
        Number((await knex('autonomy_staged_scores').count({ n: '*' }))[0].n),
      ).toBe(0);
    });

    it('replaces one entity with its team’s heat map, roll-ups and history in step', async () => {
      await stores.runs.replaceEntity(
        'component:default/a',
        stores.runs.row(
          scored('a', {
            score: 90,
            results: [{ guardrailId: 'owner', state: 'pass', facts: [] }],
          }),
          LATER.toISOString(),
        ),
        LATER.toISOString(),
      );
      expect(
        (await stores.guardrails.getScore('component:default/a'))?.score,
      ).toBe(90);
      expect(
        await stores.guardrails.getResults('component:default/a'),
      ).toHaveLength(1);
      // An evaluation that began before the stored one, committing after it, is not kept: the
      // stored row read the later inputs.
      const earlier = new Date(LATER.getTime() - 1000).toISOString();
      expect(
        await stores.runs.replaceEntity(
          'component:default/a',
          stores.runs.row(scored('a', { score: 10 }), earlier),
          earlier,
        ),
      ).toBe(false);
      expect(
        await stores.runs.replaceEntity(
          'component:default/a',
          undefined,
          earlier,
        ),
      ).toBe(false);
      expect(
        (await stores.guardrails.getScore('component:default/a'))?.score,
      ).toBe(90);
      const teams = await stores.guardrails.rollups('owner', LEVELS, {
        limit: 10,
        offset: 0,
      });
      expect(teams.items[0]).toMatchObject({
        ref: 'group:default/team-a',
        averageScore: 90,
      });
      expect(
        (await stores.guardrails.heatmap()).filter(
          c => c.ownerRef === 'group:default/team-a',
        ),
      ).toEqual([cell('owner', 'pass'), cell('runbook', 'unknown')]);
      // The team's tallies moved with its cells.
      expect(teams.items[0].guardrailTallies).toEqual({
        owner: [1, 1],
        runbook: [1, 0],
      });
      await expectTalliesOfHeatmap();
      const org = await stores.guardrails.history('org', 'org', '2026-11-01');
      expect(org.map(p => p.score)).toEqual([95]);

      await stores.runs.replaceEntity(
        'component:default/b',
        undefined,
        LATER.toISOString(),
      );
      expect(
        await stores.guardrails.getScore('component:default/b'),
      ).toBeUndefined();
      expect(
        await stores.guardrails.getScore('component:default/c'),
      ).toBeDefined();
      const after = await stores.guardrails.rollups('owner', LEVELS, {
        limit: 10,
        offset: 0,
      });
      expect(after.items.map(t => t.ref)).toEqual(['group:default/team-a']);
    });
  },
);
