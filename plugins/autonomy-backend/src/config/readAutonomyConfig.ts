import type { Config } from '@backstage/config';
import { z } from 'zod';
import type {
  AutonomyLevelDefinition,
  DecisionDefinition,
} from '../domain/autonomy/earnAutonomy';
import { GuardrailConfigError } from './readGuardrailsConfig';

const scope = z.enum(['local', 'design-review', 'cross-functional']);
const id = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes');

const schema = z
  .object({
    decisions: z
      .array(
        z
          .object({ id, title: z.string().min(1), defaultScope: scope })
          .strict(),
      )
      .default([]),
    levels: z
      .array(
        z
          .object({
            id,
            title: z.string().min(1),
            requires: z
              .object({
                minShareAtLevel: z
                  .object({
                    level: z.string(),
                    share: z.number().min(0).max(1),
                  })
                  .strict(),
                maxBoundaryViolations: z.number().int().min(0),
                maxOpenExemptions: z.number().int().min(0),
                minOwnedChoices: z.number().int().min(0),
              })
              .partial()
              .strict()
              .default({}),
            localDecisions: z.array(z.string()).default([]),
          })
          .strict(),
      )
      .min(1)
      .default([
        { id: 'baseline', title: 'Baseline', requires: {}, localDecisions: [] },
      ]),
  })
  .strict();

export interface AutonomyConfig {
  decisions: DecisionDefinition[];
  levels: AutonomyLevelDefinition[];
}

const KEY = 'autonomy.earnedAutonomy';

/**
 * Reads `autonomy.earnedAutonomy`: the decisions that matter with their default scope, and the
 * autonomy levels (lowest first) with what each requires and which decisions it makes local.
 */
export function readAutonomyConfig(
  config: Config,
  guardrailLevels: string[],
): AutonomyConfig {
  const parsed = schema.safeParse(config.getOptional(KEY) ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue.path.reduce<string>(
      (k, p) => (typeof p === 'number' ? `${k}[${p}]` : `${k}.${String(p)}`),
      KEY,
    );
    throw new GuardrailConfigError(key, issue.message);
  }
  const { decisions, levels } = parsed.data;
  const decisionIds = new Set(decisions.map(d => d.id));
  if (decisionIds.size !== decisions.length)
    throw new GuardrailConfigError(
      `${KEY}.decisions`,
      'decision ids must be unique',
    );
  if (Object.keys(levels[0].requires).length) {
    throw new GuardrailConfigError(
      `${KEY}.levels[0].requires`,
      'the first level is where every team starts; it cannot require anything',
    );
  }
  levels.forEach((level, i) => {
    level.localDecisions.forEach((d, j) => {
      if (!decisionIds.has(d))
        throw new GuardrailConfigError(
          `${KEY}.levels[${i}].localDecisions[${j}]`,
          `unknown decision "${d}"`,
        );
    });
    const share = level.requires.minShareAtLevel;
    if (share && !guardrailLevels.includes(share.level)) {
      throw new GuardrailConfigError(
        `${KEY}.levels[${i}].requires.minShareAtLevel.level`,
        `unknown guardrail level "${
          share.level
        }" (levels: ${guardrailLevels.join(', ')})`,
      );
    }
  });
  return { decisions, levels };
}
