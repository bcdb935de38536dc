import type { SchedulerService } from '@backstage/backend-plugin-api';
import type {
  HealthResponse,
  RefreshResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { FactProviderRegistry } from '../facts/FactProviderRegistry';
import { ANALYSIS_TASK_ID } from '../run/analysisTask';

/** The analysis as a whole: what feeds it (health) and running it now (refresh). */
export class AnalysisService {
  constructor(
    private readonly deps: {
      scheduler: Pick<SchedulerService, 'triggerTask'>;
      factProviders: Pick<FactProviderRegistry, 'list'>;
    },
  ) {}

  health(): HealthResponse {
    return {
      status: 'ok',
      factProviders: this.deps.factProviders
        .list()
        .map(p => ({ id: p.id, description: p.description })),
    };
  }

  /** Runs the scheduled analysis now, on whichever replica claims it. */
  async refresh(): Promise<RefreshResponse> {
    await this.deps.scheduler.triggerTask(ANALYSIS_TASK_ID);
    return { status: 'triggered', taskId: ANALYSIS_TASK_ID };
  }
}
