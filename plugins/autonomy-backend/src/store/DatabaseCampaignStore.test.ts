import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { CampaignProgress } from '../domain/campaigns/campaignProgress';
import { campaignDef } from '../testUtils/campaignFixtures';
import { openStores } from '../testUtils/openStores';
import type { DatabaseCampaignStore } from './DatabaseCampaignStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const REF = 'campaign:default/tier1';
const member = (name: string, teamRef: string, done: boolean) => ({
  entityRef: `component:default/${name}`,
  title: name,
  teamRef,
  done,
  failing: done
    ? []
    : [{ guardrailId: 'has-slo', state: 'warning' as const, message: 'no' }],
});
const progressOf = (members: ReturnType<typeof member>[]): CampaignProgress => {
  const teams = new Map<
    string,
    { teamRef: string; done: number; total: number }
  >();
  for (const m of members) {
    const t = teams.get(m.teamRef) ?? { teamRef: m.teamRef, done: 0, total: 0 };
    t.total++;
    if (m.done) t.done++;
    teams.set(m.teamRef, t);
  }
  return {
    done: members.filter(m => m.done).length,
    total: members.length,
    teams: [...teams.values()],
    members,
  };
};
const record = (
  store: DatabaseCampaignStore,
  day: string,
  members: ReturnType<typeof member>[],
) =>
  store.recordProgress(
    [
      {
        campaignRef: REF,
        guardrails: [{ id: 'has-slo', known: true }],
        progress: progressOf(members),
      },
    ],
    day,
  );

describe.each(databases.eachSupportedId())(
  'DatabaseCampaignStore on %p',
  (id: TestDatabaseId) => {
    let store: DatabaseCampaignStore;

    beforeAll(async () => {
      ({
        stores: { campaigns: store },
      } = await openStores(databases, id));
    });

    it('keeps definitions, progress, members and burn-up change points, writing only differences', async () => {
      await store.replaceDefinitions([
        campaignDef('tier1'),
        campaignDef('other', { deadline: '2027-01-01' }),
      ]);
      expect((await store.definitions()).map(d => d.ref)).toEqual([
        'campaign:default/other',
        REF,
      ]);
      // Before any run: the definition, no progress yet.
      expect(await store.get(REF)).toEqual({
        definition: campaignDef('tier1'),
      });

      const day1 = [
        member('a', 'group:default/checkout', true),
        member('b', 'group:default/checkout', false),
        member('c', 'group:default/search', false),
      ];
      expect(await record(store, '2027-03-01', day1)).toBeGreaterThan(0);
      // The same figures again, a day later: nothing written.
      expect(await record(store, '2027-03-02', day1)).toBe(0);
      expect(await store.get(REF)).toMatchObject({ done: 1, total: 3 });
      expect((await store.members(REF, true)).map(m => m.entityRef)).toEqual([
        'component:default/b',
        'component:default/c',
      ]);
      expect(
        (await store.standingOf('component:default/b')).get(REF),
      ).toMatchObject({ done: false, failing: [{ guardrailId: 'has-slo' }] });

      // search's entity left the scope, b got done: a point for the overall, checkout and a gap
      // for search.
      await record(store, '2027-03-03', [
        member('a', 'group:default/checkout', true),
        member('b', 'group:default/checkout', true),
      ]);
      expect(await store.points(REF)).toEqual([
        { teamRef: '', day: '2027-03-01', done: 1, total: 3 },
        { teamRef: '', day: '2027-03-03', done: 2, total: 2 },
        {
          teamRef: 'group:default/checkout',
          day: '2027-03-01',
          done: 1,
          total: 2,
        },
        {
          teamRef: 'group:default/checkout',
          day: '2027-03-03',
          done: 2,
          total: 2,
        },
        {
          teamRef: 'group:default/search',
          day: '2027-03-01',
          done: 0,
          total: 1,
        },
        {
          teamRef: 'group:default/search',
          day: '2027-03-03',
          done: 0,
          total: 0,
        },
      ]);
      expect(await store.standingOf('component:default/c')).toEqual(new Map());
    });

    it('knows whether the recorded progress was counted from the results as they are', async () => {
      const mark = { count: 3, newest: '2027-03-03T10:00:00.000Z' };
      expect(await store.progressIsCurrent(mark)).toBe(false);
      await store.recordProgress(
        [
          {
            campaignRef: REF,
            guardrails: [{ id: 'has-slo', known: true }],
            progress: progressOf([member('a', 'group:default/checkout', true)]),
          },
        ],
        '2027-03-04',
        mark,
      );
      expect(await store.progressIsCurrent(mark)).toBe(true);
      expect(await store.progressIsCurrent({ ...mark, count: 2 })).toBe(false);
      expect(
        await store.progressIsCurrent({
          ...mark,
          newest: '2027-03-04T10:00:00.000Z',
        }),
      ).toBe(false);
      // Changed campaigns are counted again.
      await store.replaceDefinitions([
        campaignDef('tier1', { deadline: '2027-06-30' }),
        campaignDef('other', { deadline: '2027-01-01' }),
      ]);
      expect(await store.progressIsCurrent(mark)).toBe(false);
    });

    it('forgets the entities of a campaign that left the catalog, and keeps its history', async () => {
      await store.replaceDefinitions([
        campaignDef('other', { deadline: '2027-01-01' }),
      ]);
      expect(await store.get(REF)).toBeUndefined();
      expect(await store.members(REF)).toEqual([]);
      expect((await store.points(REF)).length).toBeGreaterThan(0);
    });
  },
);
