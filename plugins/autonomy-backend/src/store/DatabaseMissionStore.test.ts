import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { buildSnapshot } from '../domain/catalogSnapshot';
import { resolveMissions } from '../domain/missions/resolveMissions';
import { entity, generateCatalog, mission } from '../testUtils/catalogFixtures';
import type { DatabaseMissionStore } from './DatabaseMissionStore';
import { createStores } from './createStores';
import { recordUnchangedRuns } from './analysisRuns';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const asService = (knex: Knex, skip = false): DatabaseService => ({
  getClient: async () => knex,
  migrations: { skip },
});

const catalog = [
  entity('Group', 'org', { type: 'organization' }),
  entity('Group', 'team-a', { type: 'team', parent: 'org' }),
  entity('Group', 'team-b', { type: 'team', parent: 'org' }),
  mission('north-star', { owner: 'org' }),
  mission('mission-a', {
    owner: 'team-a',
    parent: 'north-star',
    reviewBy: '2026-09-30',
  }),
  mission('orphan', { owner: 'team-a', parent: 'gone' }),
  entity('Component', 'service-a', { owner: 'team-a' }),
  entity('Component', 'typo', { owner: 'team-a', mission: 'mision-a' }),
];

describe.each(databases.eachSupportedId())(
  'DatabaseMissionStore on %p',
  (id: TestDatabaseId) => {
    let knex: Knex;
    let store: DatabaseMissionStore;

    beforeAll(async () => {
      knex = await databases.init(id);
      store = (await createStores(asService(knex))).missions;
    });

    beforeEach(async () => {
      await store.replaceAnalysis(
        resolveMissions(buildSnapshot(catalog)),
        new Date('2026-11-21T10:00:00Z'),
      );
    });

    it('stores and reads an entity’s chain', async () => {
      expect(await store.getEvaluatedAt()).toBe('2026-11-21T10:00:00.000Z');
      const service = await store.getEntityMission(
        'component:default/service-a',
      );
      expect(service).toMatchObject({
        kind: 'component',
        resolution: {
          missionRef: 'mission:default/mission-a',
          via: 'owner',
          sourceRef: 'group:default/team-a',
        },
        chainRefs: ['mission:default/mission-a', 'mission:default/north-star'],
      });
      expect(service?.problem).toBeUndefined();
      expect(
        await store.getEntityMission('component:default/nope'),
      ).toBeUndefined();
    });

    it('reads missions, stale ones, problems, broken chains and teams without a mission', async () => {
      expect((await store.getMissions()).map(m => m.ref)).toEqual([
        'mission:default/mission-a',
        'mission:default/north-star',
        'mission:default/orphan',
      ]);
      expect(
        (await store.getMissions(['mission:default/north-star']))[0],
      ).toMatchObject({ ownerRef: 'group:default/org' });
      expect(
        (await store.getMissionsToReview('2026-11-21')).map(m => m.ref),
      ).toEqual(['mission:default/mission-a']);
      expect(await store.getMissionsToReview('2026-09-30')).toEqual([]);
      expect(await store.listMissionProblems()).toEqual([
        {
          missionRef: 'mission:default/orphan',
          type: 'missing-parent',
          message: 'Parent mission mission:default/gone does not exist',
        },
      ]);
      const broken = await store.listBrokenChains({ limit: 1, offset: 0 });
      expect(broken.total).toBe(2);
      expect(broken.items.map(i => [i.entityRef, i.problem?.type])).toEqual([
        ['component:default/typo', 'missing-mission'],
      ]);
      const second = await store.listBrokenChains({ limit: 1, offset: 1 });
      expect(second.items.map(i => i.entityRef)).toEqual([
        'mission:default/orphan',
      ]);
      expect(
        (await store.listTeamsWithoutMission()).map(t => t.entityRef),
      ).toEqual(['group:default/team-b']);
    });

    it('replaces the previous analysis whole', async () => {
      await store.replaceAnalysis(
        resolveMissions(
          buildSnapshot([entity('Group', 'solo', { type: 'team' })]),
        ),
        new Date('2026-11-22T00:00:00Z'),
      );
      expect(await store.getMissions()).toEqual([]);
      expect(
        await store.getEntityMission('component:default/service-a'),
      ).toBeUndefined();
      expect(
        (await store.listTeamsWithoutMission()).map(t => t.entityRef),
      ).toEqual(['group:default/solo']);
      expect(await store.getEvaluatedAt()).toBe('2026-11-22T00:00:00.000Z');
    });

    it('neither reads nor writes its rows when it finds what it found last time', async () => {
      const statements: string[] = [];
      const listener = (q: { sql: string }) => statements.push(q.sql);
      knex.on('query', listener);
      try {
        const again = () =>
          store.replaceAnalysis(
            resolveMissions(buildSnapshot(catalog)),
            new Date('2026-11-21T11:00:00Z'),
          );
        const missionStatements = () =>
          statements.filter(s => /autonomy_(entity_)?mission/.test(s));
        // Only the run is recorded, with its new time.
        expect(await again()).toBe(1);
        expect(missionStatements()).toEqual([]);
        expect(await store.getEvaluatedAt()).toBe('2026-11-21T11:00:00.000Z');
        // A run over an unchanged catalog moves the time, and the fingerprint with it.
        await recordUnchangedRuns(
          knex,
          ['missions'],
          new Date('2026-11-21T11:30:00Z'),
        );
        expect(await again()).toBe(1);
        expect(missionStatements()).toEqual([]);

        // A run recorded without the fingerprint (an older release during a rolling upgrade,
        // which may have rewritten the tables): every row is compared again.
        await knex('autonomy_analysis_runs')
          .where({ name: 'missions' })
          .update({ evaluated_at: '2026-11-21T11:45:00.000Z' });
        await knex('autonomy_entity_missions')
          .where({ entity_ref: 'component:default/typo' })
          .delete();
        expect(await again()).toBe(2);
        expect(
          await store.getEntityMission('component:default/typo'),
        ).toBeDefined();

        // One entity moves to another team: its row is compared and rewritten.
        statements.length = 0;
        const moved = catalog.map(e =>
          e.metadata.name === 'service-a'
            ? entity('Component', 'service-a', { owner: 'team-b' })
            : e,
        );
        await store.replaceAnalysis(
          resolveMissions(buildSnapshot(moved)),
          new Date('2026-11-21T12:00:00Z'),
        );
        expect(
          statements.some(s => /select .*autonomy_entity_missions/i.test(s)),
        ).toBe(true);
      } finally {
        knex.removeListener('query', listener);
      }
      expect(
        await store.getEntityMission('component:default/service-a'),
      ).toMatchObject({ ownerRef: 'group:default/team-b' });
    });

    it('keeps the previous results when a replacement fails half-way', async () => {
      const analysis = resolveMissions(buildSnapshot(catalog));
      // An entity ref longer than the column allows makes PostgreSQL reject the insert; SQLite
      // ignores lengths, so break it with a NOT NULL violation there too.
      analysis.entities.push({
        ...analysis.entities[0],
        entityRef: 'x'.repeat(300),
        title: null as any,
      });
      await expect(
        store.replaceAnalysis(analysis, new Date('2026-12-01T00:00:00Z')),
      ).rejects.toMatchObject({
        // The driver's own error class may come from another realm, so match the message.
        message: expect.stringMatching(/not[ -]null|value too long|NOT NULL/i),
      });
      expect(await store.getEvaluatedAt()).toBe('2026-11-21T10:00:00.000Z');
      expect(
        await store.getEntityMission('component:default/service-a'),
      ).toBeDefined();
    });

    it('stores a large catalog in batches', async () => {
      const analysis = resolveMissions(buildSnapshot(generateCatalog(3_000)));
      await store.replaceAnalysis(analysis, new Date('2026-11-21T11:00:00Z'));
      const [{ count }] = await knex('autonomy_entity_missions').count({
        count: '*',
      });
      expect(Number(count)).toBe(analysis.entities.length);
    });

    it('migrates down and up again, and skips migrations when told to', async () => {
      const migrations = { directory: `${__dirname}/../../migrations` };
      await knex.migrate.rollback(migrations, true);
      expect(await knex.schema.hasTable('autonomy_entity_missions')).toBe(
        false,
      );
      await createStores(asService(knex, true));
      expect(await knex.schema.hasTable('autonomy_entity_missions')).toBe(
        false,
      );
      await knex.migrate.latest(migrations);
      expect(await knex.schema.hasTable('autonomy_entity_missions')).toBe(true);
    });
  },
);
