import { testPipeline } from './__testUtils__/testPipeline';
import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { Knex } from 'knex';
import { compileGuardrails } from '../domain/guardrails/compileGuardrails';
import { countHeatmap } from '../store/aggregates';
import type { Stores } from '../store/createStores';
import { entity } from '../testUtils/catalogFixtures';
import { guardrailDef } from '../testUtils/guardrailFixtures';
import { openStores } from '../testUtils/openStores';
import { AnalysisPipeline } from './AnalysisPipeline';

jest.setTimeout(120_000);

const DAY_MS = 86_400_000;
const START = Date.parse('2026-11-01T00:00:00Z');

/** The guardrails of the test: owned by a team, and coverage at least `coverage`. */
const guardrailSet = (coverage: number) =>
  compileGuardrails({
    levels: ['bronze', 'silver'],
    sources: [{ id: 'ci', maxAgeDays: 30, fields: { coverage: 'number' } }],
    definitions: [
      guardrailDef('owned-by-team', { fact: 'owner.isTeam', equals: true }),
      guardrailDef(
        'covered',
        { fact: 'ci.coverage', greaterThanOrEqual: coverage },
        { level: 'silver', appliesTo: { kind: ['component'] } },
      ),
    ],
  });

const team = (name: string) => entity('Group', name, { type: 'team' });
const service = (name: string, owner: string, lifecycle = 'production') => {
  const e = entity('Component', name, { owner: `group:default/${owner}` });
  return { ...e, spec: { ...e.spec, lifecycle } };
};

const ref = (name: string) => `component:default/${name}`;

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'a run skips entities whose inputs did not change, on %p',
  (id: TestDatabaseId) => {
    let knex: Knex;
    let stores: Stores;
    let now: number;
    let entities: Entity[];
    let pipeline: AnalysisPipeline;
    /** The refs whose pushed values each run read: what it evaluated. */
    let read: string[][];

    /** The pipeline over the test's stores, catalog and clock, with these guardrails. */
    const pipelineWith = (guardrails: ReturnType<typeof guardrailSet>) =>
      testPipeline({
        stores,
        guardrails,
        entities: () => entities,
        now: () => new Date(now),
      });

    beforeAll(async () => {
      ({ knex, stores } = await openStores(databases, id));
      const byEntity = stores.facts.byEntity.bind(stores.facts);
      jest.spyOn(stores.facts, 'byEntity').mockImplementation(async refs => {
        read[read.length - 1].push(...[refs ?? []].flat());
        return byEntity(refs);
      });
      entities = [
        team('payments'),
        team('search'),
        service('checkout', 'payments'),
        service('ledger', 'payments'),
        service('finder', 'search'),
      ];
      now = START;
      pipeline = pipelineWith(guardrailSet(80));
    });

    const push = (name: string, coverage: number, observedDaysAgo = 0) =>
      stores.facts.upsert(
        ref(name),
        'ci',
        { coverage },
        new Date(now - observedDaysAgo * DAY_MS),
        new Date(now),
      );

    /** One full run an hour after the clock's time; returns the refs it evaluated. */
    async function run(hours = 1) {
      now += hours * 3_600_000;
      read.push([]);
      const summary = await pipeline.runFull();
      return { summary, evaluated: read[read.length - 1].sort() };
    }

    const state = async (name: string, guardrail = 'covered') =>
      (await stores.guardrails.getResults(ref(name), pipeline.storedSet)).find(
        r => r.guardrailId === guardrail,
      )?.state;

    /** The stored heat map equals one counted from every stored row. */
    async function expectHeatmapCounted() {
      const stored = await knex('autonomy_heatmap').select(
        'owner_ref',
        'guardrail_id',
        'state',
        'count',
      );
      const counted = await knex.transaction(tx =>
        countHeatmap(tx, ['group:default/payments', 'group:default/search']),
      );
      expect(
        Object.fromEntries(
          stored.map(r => [
            `${r.owner_ref}\n${r.guardrail_id}\n${r.state}`,
            Number(r.count),
          ]),
        ),
      ).toEqual(Object.fromEntries(counted));
    }

    it('evaluates again only what a push, a catalog edit, an exemption or the clock changed', async () => {
      read = [];
      await push('checkout', 90, 10);
      await push('ledger', 50);
      const first = await run();
      expect(first.evaluated).toEqual(
        entities
          .map(e => `${e.kind.toLowerCase()}:default/${e.metadata.name}`)
          .sort(),
      );
      expect(await state('checkout')).toBe('pass');
      expect(await state('ledger')).toBe('fail');
      await expectHeatmapCounted();

      // Nothing changed: nothing is evaluated, nothing but the run's bookkeeping is written.
      const unchanged = await run();
      expect(unchanged.evaluated).toEqual([]);
      expect(unchanged.summary).toMatchObject({
        evaluatedHere: 0,
        unchangedHere: first.evaluated.length,
      });
      expect(unchanged.summary.rowsWritten).toBeLessThanOrEqual(
        unchanged.summary.shards + 4,
      );
      // The catalog is as before: its analyses are kept, and say they were done again now.
      expect(await stores.missions.getEvaluatedAt()).toBe(
        new Date(now).toISOString(),
      );
      expect(await stores.runs.catalogFingerprint()).toEqual(
        expect.any(String),
      );

      // A newer push for one entity: that entity only.
      await push('ledger', 95);
      const pushed = await run();
      expect(pushed.evaluated).toEqual([ref('ledger')]);
      expect(await state('ledger')).toBe('pass');
      await expectHeatmapCounted();
      // A late retry of an older observation is not stored: nothing to evaluate.
      expect(await push('ledger', 10, 5)).toBe(false);
      expect((await run()).evaluated).toEqual([]);

      // A catalog edit: that entity only; moving it to another team moves its heat-map cells.
      entities = entities.map(e =>
        e.metadata.name === 'finder'
          ? service('finder', 'payments', 'experimental')
          : e,
      );
      const edited = await run();
      expect(edited.evaluated).toEqual([ref('finder')]);
      expect((await stores.guardrails.getScore(ref('finder')))?.ownerRef).toBe(
        'group:default/payments',
      );
      await expectHeatmapCounted();

      // An exemption: that entity, and again when it has expired.
      await stores.exemptions.create(
        {
          entityRef: ref('finder'),
          guardrailId: 'covered',
          reason: 'New service, tests next sprint',
          expiresAt: new Date(now + 2 * DAY_MS).toISOString(),
        },
        'user:default/ana',
        new Date(now),
      );
      const exempted = await run();
      expect(exempted.evaluated).toEqual([ref('finder')]);
      expect(await state('finder')).toBe('exempt');
      expect((await run()).evaluated).toEqual([]);
      const expired = await run(3 * 24);
      expect(expired.evaluated).toEqual([ref('finder')]);
      expect(await state('finder')).toBe('unknown');
      await expectHeatmapCounted();

      // The clock alone: checkout's coverage, observed 10 days before the first run, goes stale
      // 30 days after it was observed, and checkout is evaluated then without any new input.
      expect((await run(24)).evaluated).toEqual([]);
      now = START + 20 * DAY_MS - 3_600_000;
      const stale = await run(2);
      expect(stale.evaluated).toEqual([ref('checkout')]);
      expect(await state('checkout')).toBe('unknown');
      expect((await run()).evaluated).toEqual([]);
      await expectHeatmapCounted();
    });

    it('evaluates everything again when the guardrail set changes, and a removed entity leaves', async () => {
      read = [];
      pipeline = pipelineWith(guardrailSet(90));
      entities = entities.filter(e => e.metadata.name !== 'ledger');
      const changed = await run();
      expect(changed.evaluated).toHaveLength(entities.length);
      expect(await stores.guardrails.getScore(ref('ledger'))).toBeUndefined();
      await expectHeatmapCounted();
      expect((await run()).evaluated).toEqual([]);
    });
    it('counts a drifted heat map again at the first run of a day', async () => {
      read = [];
      await run();
      // A drift the moves cannot see (a shard taken over that decided otherwise, say).
      await knex('autonomy_heatmap').update({ count: 99 });
      await run();
      expect(
        (await knex('autonomy_heatmap').select('count')).every(
          r => Number(r.count) === 99,
        ),
      ).toBe(true);
      await run(24);
      await expectHeatmapCounted();
    });
  },
);
