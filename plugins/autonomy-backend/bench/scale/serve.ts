import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { generatedCatalog } from './catalog';
import { heard, jobOfThisProcess, peakRssMb, tell } from './children';
import { autonomyConfig } from './config';
import { orgOf } from './org';

const allowAllPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'scale-bench-allow-all',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          handle: async () => ({ result: AuthorizeResult.ALLOW }),
        });
      },
    });
  },
});

/**
 * Child process: a Backstage test backend serving the real autonomy plugin over the bench
 * database, with Backstage's real database, auth, httpAuth, permissions and scheduler services,
 * the permission backend with an allow-all policy, a static external access token, and the
 * generated catalog. Tells the parent its port, then serves until "stop".
 */
async function main() {
  const job = jobOfThisProcess();
  const backend = await startTestBackend({
    features: [
      import('../../src'),
      import('@backstage/plugin-permission-backend'),
      allowAllPolicy,
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: job.backendDatabaseConfig,
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: job.token, subject: 'scale-bench' },
                },
              ],
            },
          },
          permission: { enabled: true },
          ...autonomyConfig(job.guardrails, {
            // The figures are of reads: this replica is never asked for a preview, and filling
            // its copy of 100,000 preview inputs in the first seconds would be timed with them.
            preview: { keepInputsWarm: false },
          }),
        },
      }),
      databaseServiceFactory,
      authServiceFactory,
      httpAuthServiceFactory,
      permissionsServiceFactory,
      schedulerServiceFactory,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => generatedCatalog(orgOf(job.entities), job.generation),
      }),
    ],
  });
  const stop = heard('stop');
  await tell({ type: 'listening', port: backend.server.port() });
  await stop;
  await backend.stop();
  await tell({ type: 'stopped', peakRssMb: peakRssMb() });
  process.disconnect?.();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
