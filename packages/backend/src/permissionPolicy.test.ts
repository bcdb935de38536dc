import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  autonomyEntityEvaluatePermission,
  autonomyExemptionCreatePermission,
  autonomyExemptionRevokePermission,
  autonomyFactsPushPermission,
  autonomyGuardrailPreviewPermission,
  autonomyReadPermission,
  autonomyRefreshPermission,
} from '@aligned-autonomy/plugin-autonomy-common';
import { AutonomyDemoPolicy } from './permissionPolicy';

const user = (...ownershipEntityRefs: string[]) =>
  ({
    identity: {
      type: 'user',
      userEntityRef: ownershipEntityRefs[0],
      ownershipEntityRefs,
    },
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
    token: 't',
    credentials: {} as any,
  } as any);

const admin = user('user:default/ola', 'group:default/platform-runtime');
const maya = user('user:default/maya', 'group:default/checkout');

describe('AutonomyDemoPolicy', () => {
  const policy = AutonomyDemoPolicy.fromConfig(
    new ConfigReader({
      autonomy: { platformAdmins: ['group:default/platform-runtime'] },
    }),
  );
  const decide = (permission: any, who?: any) =>
    policy.handle({ permission }, who);

  it('lets every user read', async () => {
    expect((await decide(autonomyReadPermission, maya)).result).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('lets only platform admins re-analyse everything', async () => {
    expect((await decide(autonomyRefreshPermission, admin)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect((await decide(autonomyRefreshPermission, maya)).result).toBe(
      AuthorizeResult.DENY,
    );
    expect((await decide(autonomyRefreshPermission)).result).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('lets only platform admins preview a guardrail', async () => {
    expect(
      (await decide(autonomyGuardrailPreviewPermission, admin)).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (await decide(autonomyGuardrailPreviewPermission, maya)).result,
    ).toBe(AuthorizeResult.DENY);
    expect((await decide(autonomyGuardrailPreviewPermission)).result).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('lets service callers (CI tokens) and admins push facts, not other users', async () => {
    expect((await decide(autonomyFactsPushPermission)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect((await decide(autonomyFactsPushPermission, admin)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect((await decide(autonomyFactsPushPermission, maya)).result).toBe(
      AuthorizeResult.DENY,
    );
  });

  it.each([
    ['create exemptions', autonomyExemptionCreatePermission],
    ['revoke exemptions', autonomyExemptionRevokePermission],
    ['re-evaluate an entity', autonomyEntityEvaluatePermission],
  ])(
    'lets admins %s anywhere and other users only on entities their team owns',
    async (_, permission) => {
      expect((await decide(permission, admin)).result).toBe(
        AuthorizeResult.ALLOW,
      );
      const owner = await decide(permission, maya);
      expect(owner).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'autonomy',
        resourceType: 'catalog-entity',
        conditions: expect.objectContaining({
          rule: 'IS_ENTITY_OWNER',
          params: { claims: ['user:default/maya', 'group:default/checkout'] },
        }),
      });
      expect((await decide(permission)).result).toBe(AuthorizeResult.DENY);
    },
  );

  it("leaves other plugins' permissions allowed", async () => {
    const catalogRead = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
    });
    expect((await decide(catalogRead, maya)).result).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('has no admins when none are configured', async () => {
    const strict = AutonomyDemoPolicy.fromConfig(new ConfigReader({}));
    expect(
      (await strict.handle({ permission: autonomyRefreshPermission }, admin))
        .result,
    ).toBe(AuthorizeResult.DENY);
  });
});
