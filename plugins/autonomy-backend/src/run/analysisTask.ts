import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { RunSummary } from './AnalysisPipeline';

export const ANALYSIS_TASK_ID = 'autonomy-catalog-analysis';
export const SHARD_TASK_ID = 'autonomy-analysis-shards';
/**
 * How often every replica looks for shards of a run under way: another replica joins a run within
 * this of its planning. A look with no run under way is one small query (and the preview's
 * version); at 5 s a replica joined a first run of 100,000 entities, whose shards take about
 * 9 s, 2.5 s late on average.
 */
export const SHARD_LOOK_SECONDS = 1;

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
  /** Whether this replica coordinates a run now: the upkeep then waits for it to end. */
  coordinating?: () => boolean;
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
    frequency: { seconds: SHARD_LOOK_SECONDS },
    timeout: options.schedule.timeout,
    initialDelay: { seconds: 5 },
    fn: async () => {
      const shards = await options.workShards();
      if (shards) options.logger.info(`Evaluated ${shards} shards of a run`);
      // Not during this replica's own run, which has just stored new inputs: reading 100,000 of
      // them took its shards' core for about a second, and the copy's 90 MB came on top of the
      // run's memory.
      if (options.coordinating?.()) return;
      // Upkeep never fails the shard work: the next look tries again.
      await options
        .keepWarm?.()
        .catch(error =>
          options.logger.warn(`Could not refresh the preview inputs: ${error}`),
        );
    },
  });
}
