import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  autonomyFactsPushPermission,
  autonomyReadPermission,
} from '@aligned-autonomy/plugin-autonomy-common';
import {
  autonomyConditions,
  createAutonomyConditionalDecision,
} from './conditionExports';

/**
 * Options of {@link autonomyPolicyDecision}.
 * @alpha
 */
export interface AutonomyPolicyOptions {
  /**
   * Platform admins: user or group entity refs, matched against the user's ownership refs (so a
   * group ref makes every member an admin). Admins may do everything.
   */
  admins?: Iterable<string>;
}

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The decision for an autonomy permission (`autonomy.*`), or `undefined` for any other
 * permission, which the rest of the policy decides. Everyone may read; service callers (CI with
 * an external access token) may push facts; on an entity, its owners (the user or a group of
 * theirs) may create and revoke exemptions and re-evaluate it; admins may do everything; every
 * other autonomy permission (re-analysing the catalog, previewing a guardrail, and any added
 * later) is for admins only.
 * @alpha
 */
export function autonomyPolicyDecision(
  request: PolicyQuery,
  user: PolicyQueryUser | undefined,
  options: AutonomyPolicyOptions = {},
): PolicyDecision | undefined {
  const { permission } = request;
  if (!permission.name.startsWith('autonomy.')) return undefined;
  if (isPermission(permission, autonomyReadPermission)) return allow;
  const claims = user?.info.ownershipEntityRefs ?? [];
  const admins = new Set(
    [...(options.admins ?? [])].map(ref => ref.toLocaleLowerCase('en-US')),
  );
  if (claims.some(ref => admins.has(ref.toLocaleLowerCase('en-US'))))
    return allow;
  if (isPermission(permission, autonomyFactsPushPermission))
    return user ? deny : allow;
  if (isResourcePermission(permission, 'catalog-entity') && user) {
    return createAutonomyConditionalDecision(
      permission,
      autonomyConditions.isEntityOwner({ claims }),
    );
  }
  return deny;
}
