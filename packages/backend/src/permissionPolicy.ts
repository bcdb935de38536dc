import {
  createBackendModule,
  coreServices,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  AuthorizeResult,
  isPermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { autonomyRefreshPermission } from '@aligned-autonomy/plugin-autonomy-common';

/**
 * The demo portal's policy. Reading is open to every signed-in user; changing what Aligned
 * Autonomy computes is for platform admins (`autonomy.platformAdmins` in app-config: user or
 * group refs, matched against the user's ownership refs).
 */
export class AutonomyDemoPolicy implements PermissionPolicy {
  constructor(private readonly platformAdmins: Set<string>) {}

  static fromConfig(config: Config) {
    return new AutonomyDemoPolicy(
      new Set(config.getOptionalStringArray('autonomy.platformAdmins') ?? []),
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, autonomyRefreshPermission)) {
      const refs = user?.info.ownershipEntityRefs ?? [];
      return {
        result: refs.some(ref => this.platformAdmins.has(ref))
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    return { result: AuthorizeResult.ALLOW };
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
