import { testPipeline } from './run/__testUtils__/testPipeline';
import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { compileGuardrails } from './domain/guardrails/compileGuardrails';
import { StoredGuardrailSets } from './guardrailSets/GuardrailSets';
import { serveRoutes } from './router/__testUtils__/serveRoutes';
import { AnalysisPipeline } from './run/AnalysisPipeline';
import { GuardrailReadService } from './service/GuardrailReadService';
import { GuardrailRecordService } from './service/GuardrailRecordService';
import type { Stores } from './store/createStores';
import { entity } from './testUtils/catalogFixtures';
import { guardrailEntity } from './testUtils/guardrailEntityFixtures';
import { guardrailDef } from './testUtils/guardrailFixtures';
import { openStores } from './testUtils/openStores';

jest.setTimeout(120_000);

const LEVELS = ['bronze', 'silver', 'gold'];
/** app-config's guardrails: the organisation's required ones. */
const configDefinitions = [
  guardrailDef(
    'has-slo',
    {
      fact: 'entity.annotations.aligned-autonomy.io/slo',
      greaterThanOrEqual: 99,
    },
    { appliesTo: { kind: ['component'] }, type: 'required', source: 'config' },
  ),
];
const compiledConfig = compileGuardrails({
  levels: LEVELS,
  sources: [],
  definitions: configDefinitions,
});

const service = (name: string, owner: string, annotations = {}) =>
  entity('Component', name, { owner, annotations });

const hasRunbook = {
  fact: 'entity.annotations.aligned-autonomy.io/runbook',
  exists: true,
};
const apiDocs = guardrailEntity(
  'has-docs',
  {
    owner: 'platform',
    appliesTo: { kind: 'component' },
    rule: {
      fact: 'entity.annotations.backstage.io/techdocs-ref',
      exists: true,
    },
  },
  'Has TechDocs',
);

/** The demo's shape in small: platform's guardrails, two teams owning the how. */
const catalog = (guardrails: Entity[]): Entity[] => [
  entity('Group', 'platform', { type: 'team' }),
  entity('Group', 'checkout', {
    type: 'team',
    annotations: {
      'aligned-autonomy.io/opt-out.has-docs':
        'Our services are documented in the API portal instead.',
    },
  }),
  entity('Group', 'payments', {
    type: 'team',
    annotations: {
      'aligned-autonomy.io/tighten.has-slo':
        'entity.annotations.aligned-autonomy.io/slo greaterThanOrEqual 99.95',
    },
  }),
  service('checkout-api', 'checkout', { 'aligned-autonomy.io/slo': '99.9' }),
  service('payments-api', 'payments', {
    'aligned-autonomy.io/slo': '99.9',
    'aligned-autonomy.io/runbook': 'https://runbooks/payments',
  }),
  service('ledger', 'payments', {
    'aligned-autonomy.io/slo': '99.99',
    'backstage.io/techdocs-ref': 'dir:.',
  }),
  ...guardrails,
];

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'Guardrail entities through the analysis and the API on %p',
  (id: TestDatabaseId) => {
    let stores: Stores;
    let entities: Entity[];
    let pipeline: AnalysisPipeline;
    let server: any;
    const now = new Date('2026-11-26T09:00:00Z');
    const setsOn = (s: Stores) =>
      new StoredGuardrailSets({
        store: s.guardrailSets,
        levels: LEVELS,
        definitions: configDefinitions,
        sources: [],
      });

    beforeAll(async () => {
      ({ stores } = await openStores(databases, id));
      entities = catalog([
        apiDocs,
        guardrailEntity('payments-runbooks', {
          type: 'team',
          owner: 'payments',
          appliesTo: { kind: 'component' },
          rule: hasRunbook,
        }),
      ]);
      const guardrailSets = setsOn(stores);
      pipeline = testPipeline({
        stores,
        guardrails: compiledConfig,
        guardrailSets,
        entities: () => entities,
        now: () => now,
        pollMs: 20,
      });
      // Services built once: what changes below changes without a restart.
      server = await serveRoutes({
        guardrailReads: new GuardrailReadService({
          stores,
          guardrails: compiledConfig,
          guardrailSets,
          readEntity: async () => undefined,
          now: () => now,
        }),
        guardrailRecords: new GuardrailRecordService({
          stores,
          guardrailSets,
          now: () => now,
        }),
      });
    });

    const get = async (path: string) =>
      (await request(server).get(path).expect(200)).body;
    const results = async (name: string) =>
      Object.fromEntries(
        (
          await get(`/entities/component/default/${name}/scorecard`)
        ).results.map((r: any) => [r.guardrailId, r]),
      );

    it('evaluates app-config and catalog guardrails together, with opt-outs, tightenings and team standards', async () => {
      await pipeline.runFull();
      const { guardrails, problems } = await get('/guardrails');
      expect(
        guardrails.map((g: any) => [g.id, g.type, g.source, g.ownerRef]),
      ).toEqual([
        ['has-slo', 'required', 'config', undefined],
        ['has-docs', 'recommended', 'catalog', 'group:default/platform'],
        ['payments-runbooks', 'team', 'catalog', 'group:default/payments'],
      ]);
      expect(problems).toEqual([]);

      // Checkout opted out of has-docs: shown as such, counted in neither half.
      const checkout = await get(
        '/entities/component/default/checkout-api/scorecard',
      );
      expect(
        checkout.results.find((r: any) => r.guardrailId === 'has-docs'),
      ).toMatchObject({
        state: 'not-applicable',
        optOut: {
          teamRef: 'group:default/checkout',
          reason: 'Our services are documented in the API portal instead.',
          since: now.toISOString(),
        },
      });
      expect(checkout.aligned).toEqual({
        guardrailCount: 1,
        metCount: 1,
        score: 100,
        optedOutCount: 1,
      });
      // Payments' standard never applies outside payments.
      expect(
        checkout.results.find((r: any) => r.guardrailId === 'payments-runbooks')
          .state,
      ).toBe('not-applicable');

      // Payments tightened has-slo to 99.95: 99.9 fails for it, passes for checkout.
      const payments = await results('payments-api');
      expect(payments['has-slo']).toMatchObject({
        state: 'fail',
        tightened: { teamRef: 'group:default/payments', value: 99.95 },
      });
      expect((await results('checkout-api'))['has-slo'].state).toBe('pass');
      expect(payments['payments-runbooks'].state).toBe('pass');
      const paymentsCard = await get(
        '/entities/component/default/payments-api/scorecard',
      );
      expect(paymentsCard.autonomous).toMatchObject({
        guardrailCount: 1,
        metCount: 1,
      });

      const team = await get('/teams/default/payments/guardrails');
      expect(team).toMatchObject({
        teamRef: 'group:default/payments',
        autonomous: { guardrailCount: 1, resultCount: 2, metCount: 1 },
        aligned: { resultCount: 4, metCount: 2 },
        standards: [
          {
            guardrail: { id: 'payments-runbooks' },
            passRate: { total: 2, metShare: 0.5 },
          },
        ],
        tightenings: [{ guardrailId: 'has-slo', value: 99.95 }],
        optOuts: [],
      });
      const rollups = await get('/rollups?scope=team');
      expect(
        rollups.items.find((r: any) => r.ref === 'group:default/payments'),
      ).toMatchObject({ autonomous: { metShare: 0.5 } });
    });

    it("answers a guardrail's page: owner, pass rate per team and over time, opt-outs, failing entities paged", async () => {
      const page = await get('/guardrails/has-docs');
      expect(page).toMatchObject({
        guardrail: {
          id: 'has-docs',
          title: 'Has TechDocs',
          ownerRef: 'group:default/platform',
          entityRef: 'guardrail:default/has-docs',
        },
        overall: { total: 2, metShare: 0.5 },
        teams: [
          { ownerRef: 'group:default/payments', total: 2, metShare: 0.5 },
        ],
        history: [{ day: '2026-11-26', total: 2, met: 1, metShare: 0.5 }],
        exemptions: [],
        optOuts: [{ teamRef: 'group:default/checkout' }],
      });
      const failing = await get('/guardrails/has-docs/failing?limit=1');
      expect(failing.total).toBe(1);
      expect(failing.items.map((i: any) => i.entityRef)).toEqual([
        'component:default/payments-api',
      ]);
      await request(server).get('/guardrails/no-such-guardrail').expect(404);
    });

    it('takes an edited Guardrail entity at the next analysis, without a restart', async () => {
      // Platform raises has-docs to required: the opt-out no longer holds, and says why.
      entities = catalog([
        { ...apiDocs, spec: { ...apiDocs.spec, type: 'required' } },
      ]);
      await pipeline.runFull();
      expect((await results('checkout-api'))['has-docs'].state).toBe('fail');
      const { guardrails, problems } = await get('/guardrails');
      expect(guardrails.map((g: any) => [g.id, g.type])).toEqual([
        ['has-slo', 'required'],
        ['has-docs', 'required'],
      ]);
      expect(problems).toEqual([
        expect.objectContaining({
          guardrailId: 'has-docs',
          entityRef: 'group:default/checkout',
          message: expect.stringMatching(
            /"has-docs" is a required guardrail; only recommended ones can be opted out of/,
          ),
        }),
      ]);
    });

    it('keeps the last valid version of a Guardrail entity that became invalid', async () => {
      entities = catalog([
        {
          ...apiDocs,
          spec: {
            ...apiDocs.spec,
            type: 'required',
            rule: { fact: 'no.such' },
          },
        },
      ]);
      await pipeline.runFull();
      const { guardrails, problems } = await get('/guardrails');
      expect(guardrails.find((g: any) => g.id === 'has-docs').rule).toEqual(
        apiDocs.spec!.rule,
      );
      expect(problems).toContainEqual(
        expect.objectContaining({
          guardrailId: 'has-docs',
          entityRef: 'guardrail:default/has-docs',
          message: expect.stringMatching(
            /^spec\.rule.*; its last valid version keeps applying$/,
          ),
        }),
      );
      expect((await results('checkout-api'))['has-docs'].state).toBe('fail');
    });

    it('another replica reads the same set from the database', async () => {
      const other = setsOn(stores);
      const mine = await (await get('/guardrails')).fingerprint;
      const theirs = await other.current();
      expect(theirs.compiled.fingerprint).toBe(mine);
      expect(theirs.compiled.guardrails.map(g => g.definition.id)).toEqual([
        'has-slo',
        'has-docs',
      ]);
    });
  },
);
