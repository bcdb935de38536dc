import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { autonomyPermissions } from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyFactsExtensionPoint } from '@aligned-autonomy/plugin-autonomy-node';
import { FactProviderRegistry } from './facts/FactProviderRegistry';
import { createRouter } from './router';
import { DatabaseMissionStore } from './store/DatabaseMissionStore';
import { MissionService } from './service/MissionService';
import { readCatalogSnapshot } from './catalog/readCatalogSnapshot';
import { runAnalysis, scheduleAnalysis } from './run/analysisTask';

const DEFAULT_SCHEDULE = {
  frequency: { minutes: 5 },
  timeout: { minutes: 3 },
  initialDelay: { seconds: 15 },
};

/**
 * The Aligned Autonomy backend plugin: wiring only.
 * @public
 */
export const autonomyPlugin = createBackendPlugin({
  pluginId: 'autonomy',
  register(env) {
    const factProviders = new FactProviderRegistry();
    env.registerExtensionPoint(autonomyFactsExtensionPoint, factProviders);

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, logger, database, scheduler, httpRouter } = deps;
        deps.permissionsRegistry.addPermissions(autonomyPermissions);

        const now = () => new Date();
        const missionStore = await DatabaseMissionStore.create({ database });
        const scheduleConfig = config.getOptionalConfig('autonomy.schedule');
        await scheduleAnalysis({
          scheduler,
          logger,
          schedule: scheduleConfig
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                scheduleConfig,
              )
            : DEFAULT_SCHEDULE,
          run: () =>
            runAnalysis({
              readSnapshot: () => readCatalogSnapshot(deps.catalog, deps.auth),
              missionStore,
              now,
            }),
        });

        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            scheduler,
            factProviders,
            missions: new MissionService(missionStore, now),
          }),
        );
      },
    });
  },
});
