import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

type FactFieldType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'datetime'
  | 'string-array';

export interface Config {
  /** Configuration of the Aligned Autonomy backend plugin. */
  autonomy?: {
    /**
     * How often the catalog is analysed (missions, boundaries and guardrails). Defaults to every
     * 5 minutes, first run 15 s after start-up, timeout 15 minutes.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /** Notifications sent through Backstage's notifications backend. */
    notifications?: {
      /** Off: nothing is recorded or sent (default on; needs the notifications backend). */
      enabled?: boolean;
      /**
       * How often exemption reminders and campaign deadlines are looked for and pending
       * notifications sent. Defaults to every 10 minutes, timeout 5 minutes.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    analysis?: {
      /**
       * Entities per shard of a full run (default 5,000). Every replica on the same database
       * claims shards, so more, smaller shards spread a run more evenly over more replicas.
       */
      shardSize?: number;
    };
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
      /** Sources of pushed facts, pushed with `POST /facts`. */
      facts?: Array<{
        /** The source id: lower-case letters, digits and dashes; facts are `<id>.<field>`. */
        id: string;
        description?: string;
        /** Values observed longer ago than this count as unknown. */
        maxAgeDays: number;
        /**
         * The fields a push may carry, by name (letters, digits and _): the type alone
         * (`passRate: number`), or the type with a range of numbers or the allowed strings
         * (`passRate: { type: number, min: 0, max: 1 }`, `stage: { type: string, enum: [build, deploy] }`).
         * A datetime is an ISO 8601 timestamp with a time zone, or a calendar date, not in the future.
         */
        fields: {
          [name: string]:
            | FactFieldType
            | {
                type: FactFieldType;
                /** Numbers only: the smallest value accepted. */
                min?: number;
                /** Numbers only: the largest value accepted. */
                max?: number;
                /** Strings and string arrays only: the values accepted. */
                enum?: string[];
              };
        };
      }>;
      /** Guardrail definitions: id, title, rationale, appliesTo, rule, level, weight, mode, enforcedFrom. */
      definitions?: Array<{ [key: string]: unknown }>;
    };
  };
}
