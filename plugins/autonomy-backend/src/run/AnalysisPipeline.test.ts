import {
  TestDatabases,
  mockServices,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { Knex } from 'knex';
import { compileGuardrails } from '../domain/guardrails/compileGuardrails';
import { FactProviderRegistry } from '../facts/FactProviderRegistry';
import type { Stores } from '../store/createStores';
import { generateCatalog } from '../testUtils/catalogFixtures';
import { guardrailDef } from '../testUtils/guardrailFixtures';
import {
  AnalysisPipeline,
  type AnalysisPipelineOptions,
} from './AnalysisPipeline';
import { inMemoryCatalogReaders } from '../testUtils/inMemoryCatalog';
import { openStores } from '../testUtils/openStores';
import { alongsideReplica, openReplicaStores } from '../testUtils/replicas';

jest.setTimeout(120_000);

const guardrails = compileGuardrails({
  levels: ['bronze', 'silver', 'gold'],
  sources: [],
  providerIds: ['probe'],
  definitions: [
    guardrailDef('owned-by-team', { fact: 'owner.isTeam', equals: true }),
    guardrailDef(
      'has-lifecycle',
      { fact: 'entity.lifecycle', in: ['production', 'experimental'] },
      { level: 'silver', appliesTo: { kind: ['component'] } },
    ),
    guardrailDef(
      'probed',
      { fact: 'probe.ok', equals: true },
      { level: 'gold', appliesTo: { kind: ['component'] } },
    ),
  ],
});

/** A catalog the test can change between runs, read the way the plugin reads the real one. */
class FakeCatalog {
  constructor(public entities: Entity[]) {}

  readers = inMemoryCatalogReaders(() => this.entities);
}

/** One replica: its own database client, and a fact provider that counts what it evaluates. */
function replica(
  stores: Stores,
  catalog: FakeCatalog,
  name: string,
  onFacts?: () => Promise<void>,
  options: Partial<AnalysisPipelineOptions> = {},
) {
  const evaluated: string[] = [];
  const signals: (AbortSignal | undefined)[] = [];
  const logger = mockServices.logger.mock();
  const providers = new FactProviderRegistry();
  providers.addFactProvider({
    id: 'probe',
    description: 'counts evaluations',
    async getFacts(refs: string[], asked?: { signal?: AbortSignal }) {
      signals.push(asked?.signal);
      evaluated.push(...refs);
      await onFacts?.();
      return new Map(refs.map(r => [r, { ok: !r.endsWith('0') }]));
    },
  });
  const pipeline = new AnalysisPipeline({
    stores,
    guardrails,
    historyRetentionDays: 400,
    factProviders: providers,
    ...catalog.readers,
    logger,
    now: () => new Date(),
    shardSize: 60,
    staleAfterMs: 3000,
    pollMs: 20,
    workerId: name,
    ...options,
  });
  return { pipeline, evaluated, logger, signals };
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'analysis pipeline on %p',
  (id: TestDatabaseId) => {
    let knex: Knex;
    let stores: Stores;

    beforeAll(async () => {
      ({ knex, stores } = await openStores(databases, id));
    });

    it('writes only what changed: nothing for an unchanged catalog, one changed entity, and what left', async () => {
      const catalog = new FakeCatalog(generateCatalog(400));
      const { pipeline } = replica(stores, catalog, 'one');
      const first = await pipeline.runFull();
      expect(first.shards).toBeGreaterThan(1);
      expect(first.evaluatedCount).toBeGreaterThan(300);
      const scores = () =>
        knex('autonomy_entity_scores')
          .orderBy('entity_ref')
          .select('entity_ref', 'content_hash', 'evaluated_at');
      const before = await scores();

      const unchanged = await pipeline.runFull();
      // Shard plan rows and the run records only.
      expect(unchanged.rowsWritten).toBeLessThanOrEqual(unchanged.shards + 4);
      expect(await scores()).toEqual(before);

      const [victim] = catalog.entities.filter(e => e.kind === 'Component');
      const gone = catalog.entities.filter(e => e.kind === 'Component')[1];
      catalog.entities = catalog.entities
        .filter(e => e !== gone)
        .map(e =>
          e === victim
            ? { ...e, spec: { ...e.spec, lifecycle: 'retired' } }
            : e,
        );
      await pipeline.runFull();
      const after = await scores();
      const victimRef = `component:default/${victim.metadata.name}`;
      const goneRef = `component:default/${gone.metadata.name}`;
      const changed = after.filter(
        a =>
          before.find(b => b.entity_ref === a.entity_ref)?.content_hash !==
          a.content_hash,
      );
      expect(changed.map(r => r.entity_ref)).toEqual([victimRef]);
      expect(after.find(r => r.entity_ref === goneRef)).toBeUndefined();
      expect(after).toHaveLength(before.length - 1);
      const results = await stores.guardrails.getResults(
        victimRef,
        pipeline.storedSet,
      );
      expect(results.find(r => r.guardrailId === 'has-lifecycle')?.state).toBe(
        'fail',
      );
    });

    it('counts the facts of a provider that does not answer in time as unknown, and ends the run', async () => {
      const catalog = new FakeCatalog(generateCatalog(400));
      const { pipeline, logger, signals } = replica(
        stores,
        catalog,
        'waiting',
        () => new Promise(() => {}),
        { factProviderTimeoutMs: 50 },
      );
      const summary = await pipeline.runFull();
      expect(summary.evaluatedCount).toBeGreaterThan(0);
      const component = catalog.entities.find(e => e.kind === 'Component')!;
      const results = await stores.guardrails.getResults(
        `component:default/${component.metadata.name}`,
        pipeline.storedSet,
      );
      expect(results.find(r => r.guardrailId === 'probed')?.state).toBe(
        'unknown',
      );
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(/probe failed.*did not answer within 50 ms/),
      );
      // The provider was told to stop what nobody waits for any more.
      expect(signals.length).toBeGreaterThan(0);
      expect(signals.every(signal => signal?.aborted)).toBe(true);
    });
  },
);

const postgres = databases
  .eachSupportedId()
  .filter(([d]) => d.startsWith('POSTGRES'));

describe.each(postgres)('two replicas on %p', (id: TestDatabaseId) => {
  let stores: [Stores, Stores];

  beforeAll(async () => {
    const replicas = await openReplicaStores(databases, id);
    stores = replicas.stores;
    return replicas.close;
  });

  it('share a run: each entity is evaluated exactly once, and the result is what one replica stores', async () => {
    const catalog = new FakeCatalog(generateCatalog(400));
    // A slow provider leaves the other replica time to claim shards of its own.
    const slow = () => new Promise<void>(r => setTimeout(r, 30));
    const a = replica(stores[0], catalog, 'a', slow);
    const b = replica(stores[1], catalog, 'b', slow);
    const { result: summary, otherShards: byB } = await alongsideReplica(
      b.pipeline,
      () => a.pipeline.runFull(),
    );

    expect(byB).toBeGreaterThan(0);
    expect(byB).toBeLessThan(summary.shards);
    const all = [...a.evaluated, ...b.evaluated];
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(summary.evaluatedCount);

    // One replica alone finds nothing to change: the two stored exactly what it would.
    const alone = replica(stores[0], catalog, 'alone');
    const again = await alone.pipeline.runFull();
    expect(again.rowsWritten).toBeLessThanOrEqual(again.shards + 4);
  });

  it('take over the shard of a replica that died, and finish the run', async () => {
    const catalog = new FakeCatalog(generateCatalog(400));
    let died = false;
    // Right after the run is planned, another replica claims a shard and is never heard of again.
    const a = replica(stores[0], catalog, 'a', async () => {
      if (died) return;
      died = true;
      const shard = await stores[1].runs.claimShard(
        'doomed',
        new Date(),
        new Date(0),
      );
      expect(shard).toBeDefined();
    });
    const summary = await a.pipeline.runFull();
    expect(died).toBe(true);
    expect(new Set(a.evaluated).size).toBe(a.evaluated.length);
    expect(a.evaluated.length).toBe(summary.evaluatedCount);
    expect(
      Number(
        (
          await stores[0].guardrails.rollups(undefined, [], {
            limit: 1,
            offset: 0,
          })
        ).items[0].entityCount,
      ),
    ).toBe(summary.evaluatedCount);
  });
});

describe.each(postgres)(
  'a run replaced or failed on %p',
  (id: TestDatabaseId) => {
    let knex: Knex;
    let stores: [Stores, Stores];

    beforeAll(async () => {
      const replicas = await openReplicaStores(databases, id);
      ({ knex, stores } = replicas);
      return replicas.close;
    });

    it('helps the run that replaced it with what that run stored, not with its own catalog', async () => {
      const before = generateCatalog(400);
      // The newer run's catalog: every component retired, so each of its results differs.
      const after = new FakeCatalog(
        before.map(e =>
          e.kind === 'Component'
            ? { ...e, spec: { ...e.spec, lifecycle: 'retired' } }
            : e,
        ),
      );
      let newerStarted!: () => void;
      const started = new Promise<void>(r => (newerStarted = r));
      let release!: () => void;
      const released = new Promise<void>(r => (release = r));
      // The newer run's coordinator holds on to the first two shards it claims, one per loop,
      // until the older coordinator gave up: the older one evaluates the newer run's others.
      const b = replica(stores[1], after, 'b', async () => {
        newerStarted();
        await released;
      });
      let newer: ReturnType<AnalysisPipeline['runFull']> | undefined;
      const a = replica(stores[0], new FakeCatalog(before), 'a', async () => {
        if (newer) return;
        newer = b.pipeline.runFull();
        await started;
      });
      await expect(a.pipeline.runFull()).rejects.toThrow(/replaced/);
      // The older coordinator evaluated shards of the newer run.
      const helped = await knex('autonomy_analysis_shards')
        .where('claimed_by', 'like', 'a#%')
        .andWhere({ status: 'done' })
        .count({ n: '*' });
      expect(Number(helped[0].n)).toBeGreaterThan(0);
      release();
      const summary = await newer!;
      expect(summary.evaluatedCount).toBeGreaterThan(300);

      // One replica alone over the newer catalog finds nothing to change.
      const alone = replica(stores[0], after, 'alone');
      const again = await alone.pipeline.runFull();
      expect(again.rowsWritten).toBeLessThanOrEqual(again.shards + 4);
    });

    it('drops its shards when it fails, so that no replica evaluates them for nothing', async () => {
      const catalog = new FakeCatalog(generateCatalog(400));
      const a = replica(stores[0], catalog, 'a');
      // A shard's completion fails half-way through the run.
      const failing = jest
        .spyOn(stores[0].runs, 'completeShard')
        .mockRejectedValueOnce(new Error('the database went away'));
      await expect(a.pipeline.runFull()).rejects.toThrow(/went away/);
      failing.mockRestore();
      const b = replica(stores[1], catalog, 'b');
      expect(await b.pipeline.workShards()).toBe(0);
      expect(b.evaluated).toEqual([]);
      // The next run starts clean and stores the catalog.
      const next = await a.pipeline.runFull();
      expect(next.evaluatedCount).toBeGreaterThan(300);
    });
  },
);

describe.each(postgres)('statistics of a run on %p', (id: TestDatabaseId) => {
  let knex: Knex;
  let stores: Stores;

  beforeAll(async () => {
    ({ knex, stores } = await openStores(databases, id));
  });

  it('are taken for each table the run rewrote much of before its shards read them', async () => {
    const started = new Date();
    const lookedUp = ['autonomy_entity_missions', 'autonomy_preview_inputs'];
    // What shards will find: analyzed since the run started, as the first shard evaluates.
    let seenByShards: string[] | undefined;
    const { pipeline } = replica(
      stores,
      new FakeCatalog(generateCatalog(1300)),
      'one',
      async () => {
        if (seenByShards) return;
        const { rows } = await knex.raw(
          `SELECT relname FROM pg_stat_user_tables
           WHERE relname = ANY(?) AND last_analyze >= ? ORDER BY relname`,
          [lookedUp, started.toISOString()],
        );
        seenByShards = rows.map((r: { relname: string }) => r.relname);
      },
    );
    await pipeline.runFull();
    expect(seenByShards).toEqual(lookedUp);
  });
});
