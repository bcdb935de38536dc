import {
  createBackendModule,
  coreServices,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { autonomyPolicyDecision } from '@aligned-autonomy/plugin-autonomy-backend/alpha';

/**
 * The demo portal's policy: Aligned Autonomy's owners-or-admins decisions (everyone reads, CI
 * pushes facts, an entity's owning team exempts and re-evaluates it, platform admins do
 * everything), with the admins from `autonomy.platformAdmins`; everything else is allowed.
 */
export class AutonomyDemoPolicy implements PermissionPolicy {
  constructor(private readonly platformAdmins: string[]) {}

  static fromConfig(config: Config) {
    return new AutonomyDemoPolicy(
      config.getOptionalStringArray('autonomy.platformAdmins') ?? [],
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    return (
      autonomyPolicyDecision(request, user, {
        admins: this.platformAdmins,
      }) ?? {
        result: AuthorizeResult.ALLOW,
      }
    );
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
