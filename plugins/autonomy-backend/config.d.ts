import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the Aligned Autonomy backend plugin. */
  autonomy?: {
    /**
     * How often the catalog is analysed (missions, and later boundaries and guardrails).
     * Defaults to every 5 minutes, first run 15 s after start-up.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * Platform admins as user or group entity refs. The demo permission policy lets them trigger
     * re-evaluation; a policy of your own may use it too.
     */
    platformAdmins?: string[];
  };
}
