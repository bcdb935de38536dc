import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  autonomyEntityEvaluatePermission,
  autonomyExemptionCreatePermission,
  autonomyExemptionRevokePermission,
  autonomyFactsPushPermission,
  autonomyPermissions,
  autonomyReadPermission,
  autonomyRefreshPermission,
} from '@aligned-autonomy/plugin-autonomy-common';
import { createPermission } from '@backstage/plugin-permission-common';
import { autonomyPolicyDecision } from './autonomyPolicyDecision';

const user = (...ownershipEntityRefs: string[]): PolicyQueryUser => ({
  info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
  credentials: {} as PolicyQueryUser['credentials'],
});

const admin = user('user:default/ola', 'group:default/platform');
const maya = user('user:default/maya', 'group:default/checkout');
const options = { admins: ['group:default/Platform'] };

const decide = (permission: any, who?: PolicyQueryUser) =>
  autonomyPolicyDecision({ permission }, who, options);

describe('autonomyPolicyDecision', () => {
  it('leaves permissions of other plugins to the rest of the policy', () => {
    const other = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
    });
    expect(decide(other, admin)).toBeUndefined();
  });

  it('lets every caller read', () => {
    for (const who of [admin, maya, undefined]) {
      expect(decide(autonomyReadPermission, who)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('lets admins (a group of theirs, without case) do everything', () => {
    for (const permission of autonomyPermissions) {
      expect(decide(permission, admin)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('lets service callers push facts, and no other user', () => {
    expect(decide(autonomyFactsPushPermission)?.result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(decide(autonomyFactsPushPermission, maya)?.result).toBe(
      AuthorizeResult.DENY,
    );
  });

  it.each([
    autonomyExemptionCreatePermission,
    autonomyExemptionRevokePermission,
    autonomyEntityEvaluatePermission,
  ])(
    'lets other users use $name on the entities they own, and no service caller',
    permission => {
      expect(decide(permission, maya)).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'autonomy',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: { claims: ['user:default/maya', 'group:default/checkout'] },
        },
      });
      expect(decide(permission)?.result).toBe(AuthorizeResult.DENY);
    },
  );

  it('keeps re-analysing and any other autonomy permission for admins', () => {
    const later = createPermission({
      name: 'autonomy.something.new',
      attributes: { action: 'update' },
    });
    for (const permission of [autonomyRefreshPermission, later]) {
      expect(decide(permission, maya)?.result).toBe(AuthorizeResult.DENY);
      expect(decide(permission)?.result).toBe(AuthorizeResult.DENY);
    }
  });

  it('has no admins unless configured', () => {
    expect(
      autonomyPolicyDecision({ permission: autonomyRefreshPermission }, admin)
        ?.result,
    ).toBe(AuthorizeResult.DENY);
  });
});
