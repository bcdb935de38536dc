import {
  createBackendModule,
  coreServices,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  autonomyEntityEvaluatePermission,
  autonomyExemptionCreatePermission,
  autonomyExemptionRevokePermission,
  autonomyFactsPushPermission,
  autonomyGuardrailPreviewPermission,
  autonomyRefreshPermission,
} from '@aligned-autonomy/plugin-autonomy-common';

/** Permissions on one entity that its owning team may use, and platform admins everywhere. */
const OWNER_OR_ADMIN = [
  autonomyExemptionCreatePermission,
  autonomyExemptionRevokePermission,
  autonomyEntityEvaluatePermission,
];

/**
 * The demo portal's policy. Reading is open to every signed-in user. Exemptions and on-demand
 * evaluation of an entity belong to its owning team and the platform admins
 * (`autonomy.platformAdmins`: user or group refs matched against the user's ownership refs).
 * Re-analysing everything and previewing a guardrail are for platform admins. Pushing facts is
 * for service callers (CI with an external access token restricted to that permission) and
 * platform admins.
 */
export class AutonomyDemoPolicy implements PermissionPolicy {
  constructor(private readonly platformAdmins: Set<string>) {}

  static fromConfig(config: Config) {
    return new AutonomyDemoPolicy(
      new Set(config.getOptionalStringArray('autonomy.platformAdmins') ?? []),
    );
  }

  private isAdmin(user?: PolicyQueryUser) {
    return (user?.info.ownershipEntityRefs ?? []).some(ref =>
      this.platformAdmins.has(ref),
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const allowIf = (condition: boolean): PolicyDecision => ({
      result: condition ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
    });
    if (
      isPermission(permission, autonomyRefreshPermission) ||
      isPermission(permission, autonomyGuardrailPreviewPermission)
    )
      return allowIf(this.isAdmin(user));
    if (isPermission(permission, autonomyFactsPushPermission))
      return allowIf(!user || this.isAdmin(user));
    if (
      OWNER_OR_ADMIN.some(p => isPermission(permission, p)) &&
      isResourcePermission(permission, 'catalog-entity')
    ) {
      if (!user) return allowIf(false);
      if (this.isAdmin(user)) return allowIf(true);
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({
          claims: user.info.ownershipEntityRefs,
        }),
      );
    }
    return allowIf(true);
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'autonomy-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(AutonomyDemoPolicy.fromConfig(config));
      },
    });
  },
});
