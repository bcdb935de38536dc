import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { CatalogSnapshot } from '../domain/catalogSnapshot';
import { resolveMissions } from '../domain/missions/resolveMissions';
import type { MissionStore } from '../store/MissionStore';

export const ANALYSIS_TASK_ID = 'autonomy-catalog-analysis';

/** One analysis run: read the catalog, analyse it, store the results in one transaction. */
export async function runAnalysis(options: {
  readSnapshot: () => Promise<CatalogSnapshot>;
  missionStore: MissionStore;
  now: () => Date;
}): Promise<{ entityCount: number }> {
  const snapshot = await options.readSnapshot();
  const analysis = resolveMissions(snapshot);
  await options.missionStore.replaceAnalysis(analysis, options.now());
  return { entityCount: analysis.entities.length };
}

/**
 * Schedules the analysis on the backend scheduler. The task is global: with several replicas on
 * one database exactly one of them runs it at a time, and all read the same stored results.
 */
export async function scheduleAnalysis(options: {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  logger: LoggerService;
  run: () => Promise<{ entityCount: number }>;
}) {
  await options.scheduler.scheduleTask({
    id: ANALYSIS_TASK_ID,
    ...options.schedule,
    fn: async () => {
      const started = Date.now();
      const { entityCount } = await options.run();
      options.logger.info(
        `Analysed ${entityCount} entities in ${Date.now() - started} ms`,
      );
    },
  });
}
