import { startAutonomyBackend } from '../__testUtils__/startAutonomyBackend';
import {
  createBackendPlugin,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  actionsServiceRef,
  type ActionsService,
} from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { campaignEntity } from '../testUtils/campaignFixtures';
import { entity, mission } from '../testUtils/catalogFixtures';

jest.setTimeout(120_000);

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString();

const entities = [
  entity('Group', 'org', { type: 'organization' }),
  entity('Group', 'checkout', {
    type: 'team',
    parent: 'org',
    members: ['maya'],
  }),
  entity('Group', 'payments', { type: 'team', parent: 'org' }),
  entity('User', 'maya'),
  mission('north-star', { owner: 'org' }),
  {
    ...entity('Component', 'checkout-api', {
      owner: 'checkout',
      mission: 'north-star',
      dependsOn: ['resource:default/payments-db'],
    }),
    spec: { type: 'service', owner: 'checkout', lifecycle: 'production' },
  },
  entity('Resource', 'payments-db', { owner: 'payments', type: 'database' }),
  campaignEntity('chaos-rollout', {
    title: 'Chaos rollout',
    owner: 'group:default/org',
    guardrails: ['chaos-tested'],
    deadline: inDays(30).slice(0, 10),
  }),
];

const guardrails = {
  levels: ['bronze', 'silver'],
  exemptions: { maxDays: 30 },
  facts: [{ id: 'chaos', maxAgeDays: 30, fields: { lastRunAt: 'datetime' } }],
  definitions: [
    {
      id: 'owner-is-team',
      title: 'Owned by a team',
      rationale: { why: 'Someone to page' },
      appliesTo: { kind: 'component' },
      rule: { fact: 'owner.isTeam', equals: true },
      level: 'bronze',
    },
    {
      id: 'chaos-tested',
      title: 'Chaos tested',
      rationale: {
        why: 'Failover is known only when tested',
        howToFix: 'Run the chaos pipeline for the service.',
        howToAppeal: 'Request an exemption with a compensating control.',
      },
      appliesTo: { kind: 'component' },
      rule: { fact: 'chaos.lastRunAt', newerThanDays: 30 },
      level: 'silver',
    },
  ],
};

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

/** The backend with the plugin on a fresh database, and the actions service as a plugin sees it. */
async function start(
  id: TestDatabaseId,
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  let actions: ActionsService | undefined;
  const probe = createBackendPlugin({
    pluginId: 'probe',
    register(env) {
      env.registerInit({
        deps: { service: actionsServiceRef },
        async init({ service }) {
          actions = service;
        },
      });
    },
  });
  const server = await startAutonomyBackend({
    entities,
    config: {
      backend: { actions: { pluginSources: ['autonomy'] } },
      autonomy: { guardrails, notifications: { enabled: false } },
    },
    permission,
    features: [
      probe,
      mockServices.database.factory({ knex: await databases.init(id) }),
    ],
  });
  // Evaluated once, as the scheduled analysis would (a denying policy refuses that too).
  if (permission !== AuthorizeResult.DENY)
    await request(server)
      .post('/api/autonomy/refresh')
      .set('Authorization', mockCredentials.user.header())
      .expect(202);
  return { server, actions: actions! };
}

const maya = mockCredentials.user('user:default/maya');
const ci = mockCredentials.service('external:ci-fact-push');

const rest = async (server: any, path: string) =>
  (
    await request(server)
      .get(`/api/autonomy${path}`)
      .set('Authorization', mockCredentials.user.header('user:default/maya'))
      .expect(200)
  ).body;

const invoke = (
  actions: ActionsService,
  name: string,
  input: Record<string, string>,
  credentials: BackstageCredentials = maya,
) => actions.invoke({ id: `autonomy:${name}`, input, credentials });

/** How the actions service refused: the status and the plugin's own message. */
const refusal = async (invoked: Promise<unknown>) => {
  const error: any = await invoked.then(
    () => undefined,
    e => e,
  );
  return error && `${error.statusCode} ${error.body?.error?.message}`;
};

describe.each(databases.eachSupportedId())(
  'autonomy actions through the actions service on %p',
  id => {
    it('lists the autonomy actions with their flags and schemas', async () => {
      const { actions } = await start(id);
      const listed = (await actions.list({ credentials: maya })).actions.filter(
        a => a.pluginId === 'autonomy',
      );
      expect(
        Object.fromEntries(
          listed.map(a => [
            a.name,
            [a.attributes.readOnly, a.attributes.destructive],
          ]),
        ),
      ).toEqual({
        'get-entity-scorecard': [true, false],
        'explain-guardrail-result': [true, false],
        'get-mission-chain': [true, false],
        'list-team-boundary-issues': [true, false],
        'list-team-exemptions-and-campaigns': [true, false],
        'request-exemption': [false, true],
      });
      const scorecard = listed.find(a => a.name === 'get-entity-scorecard')!;
      expect(scorecard.schema.input).toMatchObject({
        type: 'object',
        required: ['entityRef'],
      });
    });

    it('answers what the REST API answers, with the failing guardrails and how to fix them', async () => {
      const { server, actions } = await start(id);
      const entityRef = 'component:default/checkout-api';

      const card = (
        await invoke(actions, 'get-entity-scorecard', { entityRef })
      ).output as any;
      expect(card.scorecard).toEqual(
        await rest(
          server,
          '/entities/component/default/checkout-api/scorecard',
        ),
      );
      expect(card.failing).toEqual([
        expect.objectContaining({
          guardrailId: 'chaos-tested',
          title: 'Chaos tested',
          howToFix: 'Run the chaos pipeline for the service.',
        }),
      ]);

      const explained = (
        await invoke(actions, 'explain-guardrail-result', {
          entityRef,
          guardrailId: 'chaos-tested',
        })
      ).output as any;
      expect(explained.guardrail).toEqual(
        (await rest(server, '/guardrails')).guardrails.find(
          (g: any) => g.id === 'chaos-tested',
        ),
      );
      expect(explained.result).toEqual(
        card.scorecard.results.find(
          (r: any) => r.guardrailId === 'chaos-tested',
        ),
      );
      expect(explained.facts.map((f: any) => f.id)).toEqual([
        'chaos.lastRunAt',
      ]);

      expect(
        (await invoke(actions, 'get-mission-chain', { entityRef })).output,
      ).toEqual(
        await rest(
          server,
          '/entities/component/default/checkout-api/mission-chain',
        ),
      );

      const boundaries = (
        await invoke(actions, 'list-team-boundary-issues', {
          teamRef: 'checkout',
        })
      ).output as any;
      expect(boundaries.boundaries).toEqual(
        await rest(server, '/teams/default/checkout/boundaries'),
      );
      expect(boundaries.violations).toEqual([
        expect.objectContaining({
          fromRef: entityRef,
          toRef: 'resource:default/payments-db',
          direction: 'outbound',
          fix: expect.any(String),
        }),
      ]);

      const open = (
        await invoke(actions, 'list-team-exemptions-and-campaigns', {
          teamRef: 'group:default/checkout',
        })
      ).output as any;
      expect(open.exemptions).toEqual(
        await rest(
          server,
          '/exemptions?ownerRef=group:default/checkout&status=active',
        ),
      );
      expect(open.campaigns).toEqual(
        await rest(server, '/campaigns?teamRef=group:default/checkout'),
      );
      expect(open.campaigns.items.map((c: any) => c.title)).toEqual([
        'Chaos rollout',
      ]);
    });

    it('refuses a caller the permission policy denies, and names a bad input', async () => {
      const { actions } = await start(id, AuthorizeResult.DENY);
      expect(
        await refusal(
          invoke(actions, 'get-entity-scorecard', {
            entityRef: 'component:default/checkout-api',
          }),
        ),
      ).toBe('403 Not allowed: autonomy.read');
      const { actions: allowed } = await start(id);
      expect(
        await refusal(
          invoke(allowed, 'get-entity-scorecard', { entityRef: 'not a ref' }),
        ),
      ).toMatch(/^400 entityRef "not a ref" is not an entity reference/);
    });

    it('requests an exemption as the user, and refuses the CI token and denied users', async () => {
      const { server, actions } = await start(id);
      const input = {
        entityRef: 'component:default/checkout-api',
        guardrailId: 'chaos-tested',
        reason: 'Chaos pipeline is being rebuilt',
        expiresAt: inDays(10),
      };
      expect(
        await refusal(invoke(actions, 'request-exemption', input, ci)),
      ).toBe('403 Only a signed-in user can request an exemption');
      expect(
        (
          await rest(
            server,
            '/exemptions?entityRef=component:default/checkout-api',
          )
        ).items,
      ).toEqual([]);

      const created = (await invoke(actions, 'request-exemption', input))
        .output as any;
      expect(created).toMatchObject({
        ...input,
        expiresAt: new Date(input.expiresAt).toISOString(),
        createdBy: 'user:default/maya',
        status: 'active',
      });
      expect(
        (
          await rest(
            server,
            '/exemptions?entityRef=component:default/checkout-api',
          )
        ).items,
      ).toEqual([created]);

      const denied = await start(id, AuthorizeResult.DENY);
      expect(
        await refusal(invoke(denied.actions, 'request-exemption', input)),
      ).toBe(
        '403 Not allowed: autonomy.exemption.create on component:default/checkout-api',
      );
    });
  },
);
