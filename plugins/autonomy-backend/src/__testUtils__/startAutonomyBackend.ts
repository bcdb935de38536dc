import type { BackendFeature } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { AuthorizeResult } from '@backstage/plugin-permission-common';
import { autonomyPlugin } from '../plugin';

type AppConfig = NonNullable<
  Parameters<typeof mockServices.rootConfig.factory>[0]
>['data'];

/** How a test backend with the autonomy plugin differs from the default one. */
export interface AutonomyBackendOptions {
  /** What the mock catalog serves. */
  entities: Entity[];
  /** app-config; the mock's default when not given. */
  config?: AppConfig;
  /** The answer of the permission framework to every request; the mock allows by default. */
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** Requests without a token are anonymous (the mock's default would be a signed-in user). */
  anonymousWithoutToken?: boolean;
  /** Any other feature: a database, a module, a probe plugin. */
  features?: BackendFeature[];
}

/**
 * The autonomy plugin in a test backend over a mock catalog. The scheduled analysis does not run
 * at start-up: a test runs it when it wants through `POST /refresh`.
 */
export async function startAutonomyBackend(options: AutonomyBackendOptions) {
  const { server } = await startTestBackend({
    features: [
      autonomyPlugin,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      ...(options.config
        ? [mockServices.rootConfig.factory({ data: options.config })]
        : []),
      ...(options.anonymousWithoutToken
        ? [
            mockServices.httpAuth.factory({
              defaultCredentials: mockCredentials.none(),
            }),
          ]
        : []),
      ...(options.permission
        ? [mockServices.permissions.factory({ result: options.permission })]
        : []),
      ...(options.features ?? []),
    ],
  });
  return server;
}
