import type { Config } from '@backstage/config';
import {
  GUARDRAIL_ID_PATTERN,
  guardrailDefinitionSchema,
  type GuardrailDefinition,
} from '@aligned-autonomy/plugin-autonomy-common';
import { z } from 'zod';
import type { FactSourceSchema } from '../domain/guardrails/facts';

export interface GuardrailsConfig {
  levels: string[];
  definitions: GuardrailDefinition[];
  sources: FactSourceSchema[];
  exemptions: { maxDays: number };
  history: { retentionDays: number };
}

const KEY = 'autonomy.guardrails';
const DEFAULT_LEVELS = ['bronze', 'silver', 'gold'];

const id = z
  .string()
  .regex(GUARDRAIL_ID_PATTERN, 'must be lower-case letters, digits and dashes');

const fieldType = z.enum([
  'string',
  'number',
  'boolean',
  'datetime',
  'string-array',
]);

const sourceSchema = z
  .object({
    id,
    description: z.string().optional(),
    maxAgeDays: z.number().positive(),
    fields: z.record(
      z
        .string()
        .regex(
          /^[A-Za-z][A-Za-z0-9_]*$/,
          'field names are letters, digits and _',
        ),
      // `passRate: number`, or `passRate: { type: number, min: 0, max: 1 }`.
      z.union([
        fieldType,
        z
          .object({
            type: fieldType,
            min: z.number().optional(),
            max: z.number().optional(),
            enum: z.array(z.string()).min(1).optional(),
          })
          .strict(),
      ]),
    ),
  })
  .strict();

const configSchema = z
  .object({
    levels: z.array(id).min(1).default(DEFAULT_LEVELS),
    exemptions: z
      .object({ maxDays: z.number().int().positive().default(90) })
      .strict()
      .default({ maxDays: 90 }),
    history: z
      .object({ retentionDays: z.number().int().min(1).default(400) })
      .strict()
      .default({ retentionDays: 400 }),
    facts: z.array(sourceSchema).default([]),
    definitions: z.array(guardrailDefinitionSchema).default([]),
  })
  .strict();

/** Thrown at start-up: the backend must not run half-configured. */
export class GuardrailConfigError extends Error {
  constructor(key: string, problem: string) {
    super(`Invalid configuration at ${key}: ${problem}`);
    this.name = 'GuardrailConfigError';
  }
}

const keyOf = (path: PropertyKey[]) =>
  path.reduce<string>(
    (key, part) =>
      typeof part === 'number' ? `${key}[${part}]` : `${key}.${String(part)}`,
    KEY,
  );

/**
 * Reads `autonomy.guardrails`, checking shapes, ids, levels and dates. Rules themselves are
 * checked when compiled (see compileGuardrails), also with the config key in every message.
 */
export function readGuardrailsConfig(config: Config): GuardrailsConfig {
  const raw = config.getOptional(KEY) ?? {};
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    // Zod nests the reason for a bad record key under `issues`, and for a value that matches no
    // form under `errors`, one list per form; report the innermost reason, from the form that got
    // furthest with the value rather than one that wanted another kind of value.
    const rank = (e: any[]) => {
      if (e[0]?.path?.length) return 2;
      return ['invalid_type', 'invalid_value'].includes(e[0]?.code) ? 0 : 1;
    };
    let issue: any = parsed.error.issues[0];
    const path = [...issue.path];
    for (;;) {
      const nested: any[] | undefined =
        issue.issues ??
        [...(issue.errors ?? [])].sort((a, b) => rank(b) - rank(a))[0];
      if (!nested?.length) break;
      issue = nested[0];
      path.push(...(issue.path ?? []));
    }
    throw new GuardrailConfigError(keyOf(path), issue.message);
  }
  const { levels, definitions, facts, exemptions, history } = parsed.data;
  levels.forEach((level, i) => {
    if (level === 'none')
      throw new GuardrailConfigError(
        `${KEY}.levels[${i}]`,
        '"none" is reserved for entities without a level',
      );
    if (levels.indexOf(level) !== i)
      throw new GuardrailConfigError(
        `${KEY}.levels[${i}]`,
        `duplicate level "${level}"`,
      );
  });
  const seen = new Set<string>();
  definitions.forEach((d, i) => {
    const key = `${KEY}.definitions[${i}]`;
    if (seen.has(d.id))
      throw new GuardrailConfigError(
        `${key}.id`,
        `duplicate guardrail id "${d.id}"`,
      );
    seen.add(d.id);
    if (!levels.includes(d.level)) {
      throw new GuardrailConfigError(
        `${key}.level`,
        `unknown level "${d.level}" (levels: ${levels.join(', ')})`,
      );
    }
    if (d.enforcedFrom && d.mode === 'warning') {
      throw new GuardrailConfigError(
        `${key}.enforcedFrom`,
        'a warning-only guardrail is never enforced; drop enforcedFrom or the mode',
      );
    }
  });
  const sourceIds = new Set<string>();
  facts.forEach((s, i) => {
    if (sourceIds.has(s.id))
      throw new GuardrailConfigError(
        `${KEY}.facts[${i}].id`,
        `duplicate fact source "${s.id}"`,
      );
    sourceIds.add(s.id);
    for (const [name, field] of Object.entries(s.fields)) {
      if (typeof field === 'string') continue;
      const key = `${KEY}.facts[${i}].fields.${name}`;
      if (
        field.type !== 'number' &&
        (field.min !== undefined || field.max !== undefined)
      )
        throw new GuardrailConfigError(key, 'min and max apply to numbers');
      if (
        field.enum &&
        field.type !== 'string' &&
        field.type !== 'string-array'
      )
        throw new GuardrailConfigError(
          `${key}.enum`,
          'allowed values apply to string and string-array fields',
        );
      if (
        field.min !== undefined &&
        field.max !== undefined &&
        field.min > field.max
      )
        throw new GuardrailConfigError(
          `${key}.min`,
          `min ${field.min} is greater than max ${field.max}`,
        );
    }
  });
  return {
    levels,
    exemptions,
    history,
    sources: facts,
    definitions: definitions.map(d => ({
      id: d.id,
      title: d.title,
      description: d.description,
      rationale: {
        why: d.rationale.why,
        risk: d.rationale.risk,
        evidenceUrl: d.rationale.evidenceUrl,
        ownerRef: d.rationale.owner,
        howToFix: d.rationale.howToFix,
        howToAppeal: d.rationale.howToAppeal,
      },
      appliesTo: d.appliesTo,
      rule: d.rule as GuardrailDefinition['rule'],
      level: d.level,
      weight: d.weight,
      mode: d.enforcedFrom ? 'grace' : d.mode,
      enforcedFrom: d.enforcedFrom,
      // app-config holds the organisation's required guardrails.
      type: 'required',
      source: 'config',
      ownerRef: d.rationale.owner,
    })),
  };
}
