import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';

export const ANALYSIS_TASK_ID = 'autonomy-catalog-analysis';

/**
 * Schedules the analysis on the backend scheduler. The task is global: with several replicas on
 * one database exactly one of them runs it at a time, and all read the same stored results.
 */
export async function scheduleAnalysis(options: {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  logger: LoggerService;
  run: () => Promise<{ entityCount: number; evaluatedCount: number }>;
}) {
  await options.scheduler.scheduleTask({
    id: ANALYSIS_TASK_ID,
    ...options.schedule,
    fn: async () => {
      const started = Date.now();
      const { entityCount, evaluatedCount } = await options.run();
      options.logger.info(
        `Analysed ${entityCount} entities, evaluated guardrails for ${evaluatedCount}, in ${
          Date.now() - started
        } ms`,
      );
    },
  });
}
