import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { RunSummary } from './AnalysisPipeline';

export const ANALYSIS_TASK_ID = 'autonomy-catalog-analysis';
export const SHARD_TASK_ID = 'autonomy-analysis-shards';

/**
 * Schedules the analysis on the backend scheduler. The full run is a global task: with several
 * replicas on one database exactly one of them runs it at a time. It splits the guardrail
 * evaluation into shards in the database; a local task on every replica claims them, so the
 * replicas share the work. All of them read the same stored results.
 */
export async function scheduleAnalysis(options: {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  logger: LoggerService;
  run: () => Promise<RunSummary>;
  workShards: () => Promise<number>;
  /** Local upkeep after each look for shards (the preview's copy of the latest inputs). */
  keepWarm?: () => Promise<void>;
}) {
  await options.scheduler.scheduleTask({
    id: ANALYSIS_TASK_ID,
    ...options.schedule,
    fn: async () => {
      const started = Date.now();
      const { entityCount, evaluatedCount, rowsWritten, shards } =
        await options.run();
      options.logger.info(
        `Analysed ${entityCount} entities, evaluated guardrails for ${evaluatedCount} in ${shards} shards, wrote ${rowsWritten} rows, in ${
          Date.now() - started
        } ms`,
      );
    },
  });
  await options.scheduler.scheduleTask({
    id: SHARD_TASK_ID,
    scope: 'local',
    frequency: { seconds: 5 },
    timeout: options.schedule.timeout,
    initialDelay: { seconds: 5 },
    fn: async () => {
      const shards = await options.workShards();
      if (shards) options.logger.info(`Evaluated ${shards} shards of a run`);
      // Upkeep never fails the shard work: the next look tries again.
      await options
        .keepWarm?.()
        .catch(error =>
          options.logger.warn(`Could not refresh the preview inputs: ${error}`),
        );
    },
  });
}
