import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  type BackstageUserPrincipal,
  type HttpAuthService,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import permissionBackend from '@backstage/plugin-permission-backend';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import request from 'supertest';
import { specCheckedBackend } from '../__testUtils__/specCheckedServer';
import { autonomyPlugin } from '../plugin';
import { entity } from '../testUtils/catalogFixtures';
import { autonomyPolicyDecision } from './autonomyPolicyDecision';

// The adopter's path end to end: a policy of a few lines on autonomyPolicyDecision, Backstage's
// permission backend, and the autonomy plugin applying the owner condition to the entity.

jest.setTimeout(60_000);

const entities = [
  entity('Group', 'checkout', { type: 'team' }),
  entity('Group', 'payments', { type: 'team' }),
  entity('Component', 'checkout-api', { owner: 'checkout' }),
  entity('Component', 'payments-api', { owner: 'payments' }),
];

/** Who belongs to which group, as the catalog would say. */
const groupsOf: Record<string, string[]> = {
  'user:default/maya': ['group:default/checkout'],
  'user:default/ola': ['group:default/platform'],
};

const userInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const { userEntityRef } = credentials.principal as BackstageUserPrincipal;
      return {
        userEntityRef,
        ownershipEntityRefs: [
          userEntityRef,
          ...(groupsOf[userEntityRef] ?? []),
        ],
      };
    },
  }),
});

/**
 * Mock httpAuth, except that a request a plugin sends on behalf of a user carries that plugin as
 * the actor, as with Backstage's real tokens: the permissions registry answers the permission
 * backend's apply-conditions requests only with an actor.
 */
const httpAuth = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }): HttpAuthService => {
    const mock = mockServices.httpAuth({
      pluginId: plugin.getId(),
      defaultCredentials: mockCredentials.none(),
    });
    return {
      credentials: (async (req, options) => {
        const credentials = await mock.credentials(req, options);
        const principal = credentials.principal as { userEntityRef?: string };
        const onBehalfOf = /"obo":/.test(req.headers.authorization ?? '');
        return onBehalfOf && principal.userEntityRef
          ? mockCredentials.user(principal.userEntityRef, {
              actor: { subject: 'plugin:permission' },
            })
          : credentials;
      }) as HttpAuthService['credentials'],
      issueUserCookie: (res, options) => mock.issueUserCookie(res, options),
    };
  },
});

const policy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'owners-and-admins',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy: extension }) {
        extension.setPolicy({
          handle: async (query, user) =>
            autonomyPolicyDecision(query, user, {
              admins: ['group:default/platform'],
            }) ?? { result: AuthorizeResult.ALLOW },
        });
      },
    });
  },
});

async function start() {
  const { server } = await startTestBackend({
    features: [
      autonomyPlugin,
      permissionBackend,
      policy,
      permissionsServiceFactory,
      userInfo,
      catalogServiceMock.factory({ entities }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      httpAuth,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          autonomy: {
            guardrails: {
              definitions: [
                {
                  id: 'owner-is-team',
                  title: 'Owned by a team',
                  rationale: { why: 'Teams outlive people.' },
                  appliesTo: { kind: ['component'] },
                  rule: { fact: 'owner.isTeam', equals: true },
                  level: 'bronze',
                },
              ],
            },
          },
        },
      }),
    ],
  });
  return specCheckedBackend(server);
}

const maya = mockCredentials.user.header('user:default/maya');
const ola = mockCredentials.user.header('user:default/ola');

describe('the autonomy permissions through the permission backend', () => {
  it('lets owners re-evaluate their own entities, admins every entity and everything else', async () => {
    const server = await start();
    const post = (path: string, who: string) =>
      request(server).post(`/api/autonomy${path}`).set('Authorization', who);

    expect((await post('/refresh', maya)).status).toBe(403);
    expect((await post('/refresh', ola)).status).toBe(202);

    const evaluate = (name: string, who: string) =>
      post(`/entities/component/default/${name}/evaluate`, who);
    const own = await evaluate('checkout-api', maya);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      entityRef: 'component:default/checkout-api',
      score: 100,
    });
    const other = await evaluate('payments-api', maya);
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain(
      'autonomy.entity.evaluate on component:default/payments-api',
    );
    expect((await evaluate('payments-api', ola)).status).toBe(200);

    const read = await request(server)
      .get('/api/autonomy/entities/component/default/payments-api/scorecard')
      .set('Authorization', maya);
    expect(read.status).toBe(200);
  });
});
