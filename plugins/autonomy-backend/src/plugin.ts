import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  autonomyFactsExtensionPoint,
  autonomyRulesExtensionPoint,
  type AutonomyRuleOperator,
} from '@aligned-autonomy/plugin-autonomy-node';
import { FactProviderRegistry } from './facts/FactProviderRegistry';
import { createRouter } from './router';
import { registerActions } from './actions/registerActions';
import { registerPermissions } from './permissions/registerPermissions';
import { createStores } from './store/createStores';
import { MissionService } from './service/MissionService';
import { GuardrailReadService } from './service/GuardrailReadService';
import { GuardrailCommandService } from './service/GuardrailCommandService';
import { AnalysisService } from './service/AnalysisService';
import { readCatalogSnapshot } from './catalog/readCatalogSnapshot';
import { readEntityNeighbourhood } from './catalog/readEntityNeighbourhood';
import { scheduleAnalysis } from './run/analysisTask';
import { setupNotifications } from './run/notificationTask';
import { AnalysisPipeline } from './run/AnalysisPipeline';
import { readGuardrailsConfig } from './config/readGuardrailsConfig';
import { compileGuardrails } from './domain/guardrails/compileGuardrails';
import { readAutonomyConfig } from './config/readAutonomyConfig';
import { readAnalysisConfig } from './config/readAnalysisConfig';
import { BoundaryService } from './service/BoundaryService';
import { GuardrailRecordService } from './service/GuardrailRecordService';
import { StoredGuardrailSets } from './guardrailSets/GuardrailSets';
import { GuardrailPreviewService } from './service/preview/GuardrailPreviewService';
import { CampaignService } from './service/CampaignService';

const DEFAULT_SCHEDULE = {
  frequency: { minutes: 5 },
  // A 100,000-entity catalog takes well under a minute; the margin is for a busy database.
  timeout: { minutes: 15 },
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
    const operators: AutonomyRuleOperator[] = [];
    env.registerExtensionPoint(autonomyRulesExtensionPoint, {
      addRuleOperator: (...added) => operators.push(...added),
    });

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
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler, catalog, auth } = deps;
        // Invalid guardrail configuration throws here, naming the key: nothing half-configured runs.
        const guardrailsConfig = readGuardrailsConfig(config);
        const guardrails = compileGuardrails({
          ...guardrailsConfig,
          operators,
          providerIds: factProviders.list().map(p => p.id),
        });
        const autonomyConfig = readAutonomyConfig(
          config,
          guardrailsConfig.levels,
        );
        registerPermissions({
          permissionsRegistry: deps.permissionsRegistry,
          catalog,
          auth,
        });

        const now = () => new Date();
        const stores = await createStores(deps.database);
        if (await stores.guardrails.searchIndexMissing())
          logger.warn(
            'The scorecard search reads every row: the database did not let this plugin create the pg_trgm extension (README, "Scorecard search on PostgreSQL")',
          );
        // app-config's guardrails and the catalog's Guardrail entities, as each run found them.
        const guardrailSets = new StoredGuardrailSets({
          store: stores.guardrailSets,
          levels: guardrailsConfig.levels,
          definitions: guardrailsConfig.definitions,
          sources: guardrailsConfig.sources,
          operators,
          providerIds: factProviders.list().map(p => p.id),
        });
        const notifier = await setupNotifications({
          ...deps,
          stores,
          guardrails: async () => (await guardrailSets.current()).compiled,
          now,
        });
        const pipeline = new AnalysisPipeline({
          stores,
          guardrails,
          guardrailSets,
          historyRetentionDays: guardrailsConfig.history.retentionDays,
          factProviders,
          readSnapshot: () => readCatalogSnapshot(catalog, auth),
          readNeighbourhood: refs =>
            readEntityNeighbourhood(catalog, auth, refs),
          logger,
          now,
          ...readAnalysisConfig(config),
          notifications: notifier,
        });
        const guardrailPreview = new GuardrailPreviewService({
          stores,
          guardrails: async () => {
            const { compiled, set } = await guardrailSets.current();
            return {
              current: compiled,
              compile: definitions =>
                compileGuardrails({
                  levels: guardrailsConfig.levels,
                  sources: guardrailsConfig.sources,
                  definitions,
                  operators,
                  providerIds: factProviders.list().map(p => p.id),
                  optOuts: set.optOuts,
                  tightenings: set.tightenings,
                }),
            };
          },
          provided: pipeline.provided,
          now,
          keepInputsWarm:
            config.getOptionalBoolean('autonomy.preview.keepInputsWarm') ??
            true,
        });
        const scheduleConfig = config.getOptionalConfig('autonomy.schedule');
        await scheduleAnalysis({
          scheduler,
          logger,
          schedule: scheduleConfig
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                scheduleConfig,
              )
            : DEFAULT_SCHEDULE,
          run: () => pipeline.runFull(),
          workShards: () => pipeline.workShards(),
          keepWarm: () => guardrailPreview.keepInputsCurrent(),
          coordinating: () => pipeline.coordinating,
        });

        const guardrailReads = new GuardrailReadService({
          stores,
          guardrails,
          guardrailSets,
          readEntity: async ref =>
            (await readEntityNeighbourhood(catalog, auth, [ref])).get(ref),
          now,
        });
        const services = {
          missions: new MissionService(stores.missions, now),
          guardrailReads,
          guardrailCommands: new GuardrailCommandService({
            stores,
            reads: guardrailReads,
            guardrails,
            guardrailSets,
            sources: guardrailsConfig.sources,
            maxExemptionDays: guardrailsConfig.exemptions.maxDays,
            pipeline,
            now,
          }),
          campaigns: new CampaignService(stores.campaigns, now),
          boundaries: new BoundaryService({
            stores,
            autonomy: autonomyConfig,
            guardrailLevels: guardrailsConfig.levels,
            now,
          }),
        };
        registerActions(deps.actionsRegistry, {
          ...services,
          permissions: deps.permissions,
          now,
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            analysis: new AnalysisService({ scheduler, factProviders }),
            guardrailRecords: new GuardrailRecordService({
              stores,
              guardrailSets,
              now,
            }),
            ...services,
            guardrailPreview,
          }),
        );
      },
    });
  },
});
