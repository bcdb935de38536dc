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
    /**
     * Guardrails as code. Validated in full at start-up (an invalid definition stops the backend
     * with the config key named); see the README for the format.
     */
    guardrails?: {
      /** Levels from lowest to highest. Default bronze, silver, gold. */
      levels?: string[];
      exemptions?: {
        /** The longest an exemption may run, in days. Default 90. */
        maxDays?: number;
      };
      history?: {
        /** Days of daily history points to keep. Default 400. */
        retentionDays?: number;
      };
      /** Sources of pushed facts: id, maxAgeDays, fields (name: type). */
      facts?: Array<{ [key: string]: unknown }>;
      /** Guardrail definitions: id, title, rationale, appliesTo, rule, level, weight, mode, enforcedFrom. */
      definitions?: Array<{ [key: string]: unknown }>;
    };
  };
}
