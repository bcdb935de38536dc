import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type Permission,
} from '@backstage/plugin-permission-common';

/**
 * Asks the permission framework whether these credentials may use the permission (on the
 * resource, if given); NotAllowedError naming both when not. Routes and actions both use it.
 */
export async function authorizeCredentials(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: Permission,
  resourceRef?: string,
): Promise<void> {
  const [decision] = await permissions.authorize(
    [{ permission, resourceRef } as any],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Not allowed: ${permission.name}${
        resourceRef ? ` on ${resourceRef}` : ''
      }`,
    );
  }
}
