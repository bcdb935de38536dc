import { testPipeline } from './run/__testUtils__/testPipeline';
import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { compileGuardrails } from './domain/guardrails/compileGuardrails';
import { serveRoutes } from './router/__testUtils__/serveRoutes';
import { AnalysisPipeline } from './run/AnalysisPipeline';
import { CampaignService } from './service/CampaignService';
import type { Stores } from './store/createStores';
import { campaignEntity } from './testUtils/campaignFixtures';
import { entity } from './testUtils/catalogFixtures';
import { guardrailDef } from './testUtils/guardrailFixtures';
import { openStores } from './testUtils/openStores';

jest.setTimeout(120_000);

const guardrails = compileGuardrails({
  levels: ['bronze'],
  sources: [],
  definitions: [
    guardrailDef(
      'has-slo',
      { fact: 'entity.annotations.aligned-autonomy.io/slo', exists: true },
      {
        title: 'Tier-1 service has an SLO',
        appliesTo: { kind: ['component'] },
        rationale: { why: 'Budgets', howToFix: 'Add the slo annotation.' },
      },
    ),
    guardrailDef(
      'has-owner',
      { fact: 'owner.isTeam', equals: true },
      { appliesTo: { kind: ['component'] } },
    ),
  ],
});

const service = (name: string, owner: string, tier: string, slo = false) =>
  entity('Component', name, {
    owner,
    annotations: {
      'aligned-autonomy.io/tier': tier,
      ...(slo ? { 'aligned-autonomy.io/slo': '99.9' } : {}),
    },
  });

const catalogOf = (paymentsHasSlo: boolean): Entity[] => [
  entity('Group', 'checkout', { type: 'team' }),
  entity('Group', 'search', { type: 'team' }),
  service('checkout-api', 'checkout', '1', true),
  service('payments-api', 'checkout', '1', paymentsHasSlo),
  service('search-api', 'search', '1'),
  service('search-ui', 'search', '2'),
  campaignEntity('tier1-slos', {
    title: 'Tier-1 SLOs',
    guardrails: ['has-slo', 'no-such-guardrail'],
    deadline: '2027-03-31',
    targets: { tiers: ['1'] },
  }),
  campaignEntity('search-ui-slo', {
    guardrails: ['has-slo'],
    deadline: '2027-01-15',
    targets: { entities: ['component:default/search-ui'] },
  }),
];

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'campaigns through the analysis and the API on %p',
  (id: TestDatabaseId) => {
    let stores: Stores;
    let entities: Entity[];
    let now: Date;
    let pipeline: AnalysisPipeline;
    let server: any;

    beforeAll(async () => {
      ({ stores } = await openStores(databases, id));
      entities = catalogOf(false);
      now = new Date('2027-03-20T09:00:00Z');
      pipeline = testPipeline({
        stores,
        guardrails,
        entities: () => entities,
        now: () => now,
        pollMs: 20,
      });
      server = await serveRoutes({
        campaigns: new CampaignService(stores.campaigns, () => now),
      });
    });

    const get = async (path: string) =>
      (await request(server).get(path).expect(200)).body;

    it('warns until the deadline, enforces from it, and records progress per team', async () => {
      await pipeline.runFull();
      const results = async (name: string) =>
        Object.fromEntries(
          (
            await stores.guardrails.getResults(
              `component:default/${name}`,
              pipeline.storedSet,
            )
          ).map(r => [r.guardrailId, r]),
        );
      expect((await results('payments-api'))['has-slo']).toMatchObject({
        state: 'warning',
        message: expect.stringMatching(
          /campaign Tier-1 SLOs: enforced from 2027-03-31/,
        ),
      });
      // Past its own campaign's deadline: enforced.
      expect((await results('search-ui'))['has-slo'].state).toBe('fail');

      const list = await get('/campaigns');
      expect(list.items.map((c: any) => c.ref)).toEqual([
        'campaign:default/search-ui-slo',
        'campaign:default/tier1-slos',
      ]);
      expect(list.items[1]).toMatchObject({
        title: 'Tier-1 SLOs',
        deadline: '2027-03-31',
        enforced: false,
        daysLeft: 11,
        done: 1,
        total: 3,
        teamsBehind: ['group:default/search', 'group:default/checkout'],
        guardrails: [
          {
            id: 'has-slo',
            known: true,
            title: 'Tier-1 service has an SLO',
            howToFix: 'Add the slo annotation.',
          },
          { id: 'no-such-guardrail', known: false },
        ],
      });
      expect(list.items[0]).toMatchObject({ enforced: true, daysLeft: -64 });

      const forSearch = await get('/campaigns?teamRef=group:default/search');
      expect(forSearch.items).toHaveLength(2);
      const forEntity = await get(
        '/campaigns?entityRef=component:default/payments-api',
      );
      expect(forEntity.items).toEqual([
        expect.objectContaining({
          ref: 'campaign:default/tier1-slos',
          entity: {
            entityRef: 'component:default/payments-api',
            done: false,
            failingGuardrailIds: ['has-slo'],
          },
        }),
      ]);
    });

    it('draws the burn-up from the stored history and lists what each team behind must fix', async () => {
      entities = catalogOf(true);
      now = new Date('2027-03-22T09:00:00Z');
      await pipeline.runFull();
      const campaign = await get('/campaigns/default/tier1-slos');
      expect(campaign.burnup).toEqual([
        { day: '2027-03-20', done: 1, total: 3 },
        { day: '2027-03-21', done: 1, total: 3 },
        { day: '2027-03-22', done: 2, total: 3 },
      ]);
      expect(campaign.teamBurnups).toEqual([
        {
          teamRef: 'group:default/checkout',
          points: [
            { day: '2027-03-20', done: 1, total: 2 },
            { day: '2027-03-21', done: 1, total: 2 },
            { day: '2027-03-22', done: 2, total: 2 },
          ],
        },
        {
          teamRef: 'group:default/search',
          points: [
            { day: '2027-03-20', done: 0, total: 1 },
            { day: '2027-03-21', done: 0, total: 1 },
            { day: '2027-03-22', done: 0, total: 1 },
          ],
        },
      ]);
      expect(campaign.teamsBehind).toEqual(['group:default/search']);
      expect(campaign.behind).toEqual([
        {
          teamRef: 'group:default/search',
          done: 0,
          total: 1,
          fixes: [
            {
              entityRef: 'component:default/search-api',
              title: 'search-api',
              guardrailId: 'has-slo',
              state: 'warning',
              message: expect.stringMatching(/campaign Tier-1 SLOs/),
              howToFix: 'Add the slo annotation.',
            },
          ],
        },
      ]);
      // An unchanged catalog on the same day writes no new burn-up point.
      const before = await stores.campaigns.points(
        'campaign:default/tier1-slos',
      );
      await pipeline.runFull();
      expect(
        await stores.campaigns.points('campaign:default/tier1-slos'),
      ).toEqual(before);
      expect(
        await stores.campaigns.progressIsCurrent(
          await stores.campaigns.resultsMark(),
        ),
      ).toBe(true);
    });

    it('draws no burn-up for a team that entered and left the scope on the same day', async () => {
      entities = [
        ...catalogOf(true),
        entity('Group', 'growth', { type: 'team' }),
        service('promo-api', 'growth', '1'),
      ];
      await pipeline.runFull();
      const teams = async () =>
        (await get('/campaigns/default/tier1-slos')).teamBurnups.map(
          (t: any) => t.teamRef,
        );
      expect(await teams()).toContain('group:default/growth');
      entities = catalogOf(true);
      await pipeline.runFull();
      expect(await teams()).toEqual([
        'group:default/checkout',
        'group:default/search',
      ]);
    });

    it('forgets a campaign removed from the catalog', async () => {
      entities = catalogOf(true).filter(
        e => e.metadata.name !== 'search-ui-slo',
      );
      await pipeline.runFull();
      expect((await get('/campaigns')).items).toHaveLength(1);
      await request(server).get('/campaigns/default/search-ui-slo').expect(404);
      // Its guardrail is the guardrail's own again for the entity it targeted.
      const [result] = await stores.guardrails.getResults(
        'component:default/search-ui',
        pipeline.storedSet,
      );
      expect(result.message ?? '').not.toMatch(/campaign/);
    });

    it('refuses a reference that is not one, naming the parameter', async () => {
      const res = await request(server)
        .get('/campaigns?teamRef=checkout')
        .expect(400);
      expect(res.body.error.message).toMatch(/teamRef "checkout"/);
    });
  },
);
