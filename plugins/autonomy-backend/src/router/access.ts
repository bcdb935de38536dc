import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Permission } from '@backstage/plugin-permission-common';
import { autonomyReadPermission } from '@aligned-autonomy/plugin-autonomy-common';
import type { Request } from 'express';
import { authorizeCredentials } from '../access/authorizeCredentials';

/** Authentication and authorization of a route: every route goes through one of these. */
export interface RouteAccess {
  /** Any authenticated caller (user or service). */
  authenticate(req: Request<any, any, any, any>): Promise<BackstageCredentials>;
  /** The caller, when the permission policy allows the permission (on the resource, if given). */
  authorize(
    req: Request<any, any, any, any>,
    permission: Permission,
    options?: { resourceRef?: string; userOnly?: boolean },
  ): Promise<BackstageCredentials>;
  /** The caller, when allowed to read (`autonomy.read`). */
  read(req: Request<any, any, any, any>): Promise<BackstageCredentials>;
}

export function createRouteAccess(deps: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): RouteAccess {
  const { httpAuth, permissions } = deps;
  const authorize: RouteAccess['authorize'] = async (
    req,
    permission,
    options = {},
  ) => {
    const credentials = options.userOnly
      ? await httpAuth.credentials(req, { allow: ['user'] })
      : await httpAuth.credentials(req);
    await authorizeCredentials(
      permissions,
      credentials,
      permission,
      options.resourceRef,
    );
    return credentials;
  };
  return {
    authenticate: req => httpAuth.credentials(req),
    authorize,
    read: req => authorize(req, autonomyReadPermission),
  };
}

/** The signed-in user's entity ref (the author of an exemption or a revocation). */
export const userRefOf = (credentials: BackstageCredentials) =>
  (credentials.principal as { userEntityRef?: string }).userEntityRef ??
  'unknown';
