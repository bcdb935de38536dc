import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';

type FactFieldType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'datetime'
  | 'string-array';

/** A scalar an operator compares with; text compares without case, numbers equal numeric text. */
type RuleScalar = string | number | boolean | null;

/**
 * A guardrail rule: `all`, `any` or `not` over rules, or a condition on one fact.
 * @see GuardrailConditionConfig
 */
type GuardrailRuleConfig =
  | { all: GuardrailRuleConfig[] }
  | { any: GuardrailRuleConfig[] }
  | { not: GuardrailRuleConfig }
  | GuardrailConditionConfig;

/**
 * A condition: a fact and exactly one operator with its parameter, e.g.
 * `{ fact: owner.isTeam, equals: true }`. Checked in full when the backend starts.
 */
interface GuardrailConditionConfig {
  /**
   * The fact: from the catalog (`entity.lifecycle`, `entity.annotations.<key>`, `owner.isTeam`,
   * `mission.chainComplete`, ...), pushed (`<source>.<field>`) or from a provider module.
   */
  fact: string;
  /** Whether the fact is set. */
  exists?: boolean;
  equals?: RuleScalar;
  notEquals?: RuleScalar;
  in?: RuleScalar[];
  notIn?: RuleScalar[];
  greaterThan?: number;
  greaterThanOrEqual?: number;
  lessThan?: number;
  lessThanOrEqual?: number;
  /** A list fact holds the value, or a text fact contains the text. */
  contains?: RuleScalar;
  /** A regular expression. */
  matches?: string;
  /** A date or time fact at most this many days old. */
  newerThanDays?: number;
  /** A date or time fact more than this many days old. */
  olderThanDays?: number;
  /** Operators added by backend modules through `autonomyRulesExtensionPoint`. */
  [operator: string]: unknown;
}

/** One value or a list of values, any of which matches. */
type OneOrMany = string | string[];

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
      /**
       * How long a fact provider may take to answer for one batch of entities (default 60
       * seconds), as a duration object or a string such as `2m`. One that does not answer in time
       * counts as failed: its facts are unknown for that batch, and the run goes on.
       */
      factProviderTimeout?: HumanDuration | string;
    };
    /** The dry run of a guardrail (`POST /guardrails/preview`). */
    preview?: {
      /**
       * Every replica reads and keeps its own parsed copy of the stored preview inputs as soon as
       * a run has stored them, and refreshes it after each run that changes them, so even its
       * first preview answers warm (default true). False: a replica makes its copy on its first
       * preview (about 1 s more at 100,000 entities) and holds nothing until then, saving the
       * copy's memory (about 90 MB at 100,000 entities) on replicas that never preview.
       */
      keepInputsWarm?: boolean;
    };
    /**
     * Earned autonomy: the decisions that matter and the autonomy levels a team earns through its
     * guardrail and boundary record. Checked in full at start-up.
     */
    earnedAutonomy?: {
      /** The decisions that matter, each with who decides it until a team earns it. */
      decisions?: Array<{
        /** Lower-case letters, digits and dashes; unique. */
        id: string;
        title: string;
        defaultScope: 'local' | 'design-review' | 'cross-functional';
      }>;
      /**
       * Autonomy levels, lowest first. A team holds the highest level whose requirements, and
       * those below it, its record meets. The first requires nothing. Default: one level,
       * `baseline`.
       */
      levels?: Array<{
        /** Lower-case letters, digits and dashes. */
        id: string;
        title: string;
        requires?: {
          /** At least this share (0 to 1) of the team's evaluated entities at this guardrail level or above. */
          minShareAtLevel?: { level: string; share: number };
          maxBoundaryViolations?: number;
          maxOpenExemptions?: number;
          /**
           * At least this many choices the team owns: its own standards (Guardrail entities of
           * type team) that its entities meet, plus recommended guardrails it opted out of with a
           * reason.
           */
          minOwnedChoices?: number;
        };
        /** Decisions (ids) the team makes alone at this level. */
        localDecisions?: string[];
      }>;
    };
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
      /** The guardrails. */
      definitions?: Array<{
        /** Lower-case letters, digits and dashes, at most 63 characters; unique. */
        id: string;
        title: string;
        description?: string;
        /** Why the guardrail exists, shown beside every result. */
        rationale: {
          why: string;
          /** What goes wrong without it. */
          risk?: string;
          /** A link to the evidence or decision record. */
          evidenceUrl?: string;
          /** Who answers for it: a group or user entity ref. */
          owner?: string;
          howToFix?: string;
          howToAppeal?: string;
        };
        /** Which entities it applies to; all of the given filters must match (default: all). */
        appliesTo?: {
          kind?: OneOrMany;
          type?: OneOrMany;
          lifecycle?: OneOrMany;
          /** The `aligned-autonomy.io/tier` annotation, e.g. `'1'`. */
          tier?: OneOrMany;
          tags?: OneOrMany;
          /** Annotation keys the entity must have. */
          annotations?: OneOrMany;
        };
        rule: GuardrailRuleConfig;
        /** One of `levels`. */
        level: string;
        /** Its weight in the score. Default 1. */
        weight?: number;
        /** `warning` never counts as a failure. Default `enforced`. */
        mode?: 'enforced' | 'warning';
        /** A grace period: failures are warnings until this date (YYYY-MM-DD). */
        enforcedFrom?: string;
      }>;
    };
  };
}
