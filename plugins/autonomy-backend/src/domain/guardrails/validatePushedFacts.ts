import type { PushFactsRequest } from '@aligned-autonomy/plugin-autonomy-common';
import type { FactSourceSchema, FactValue } from './facts';

const ISO_DATETIME =
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

const matches: Record<
  FactSourceSchema['fields'][string],
  (v: unknown) => boolean
> = {
  string: v => typeof v === 'string',
  number: v => typeof v === 'number' && isFinite(v),
  boolean: v => typeof v === 'boolean',
  // ISO 8601 only: Date.parse would also take "5" (the year 2001) or "March 7".
  datetime: v =>
    typeof v === 'string' && ISO_DATETIME.test(v) && !isNaN(Date.parse(v)),
  'string-array': v => Array.isArray(v) && v.every(i => typeof i === 'string'),
};

/**
 * Checks a push against its declared source: every value has a declared field of the right type
 * (null clears a value). Returns the problems in words, naming each field; empty when valid.
 */
export function validatePushedFacts(
  request: PushFactsRequest,
  sources: Map<string, FactSourceSchema>,
  now: Date,
): { problems: string[]; values: Record<string, FactValue>; observedAt: Date } {
  const problems: string[] = [];
  const schema = sources.get(request.source);
  const observedAt = request.observedAt ? new Date(request.observedAt) : now;
  if (!schema) {
    problems.push(
      `source "${
        request.source
      }" is not declared in autonomy.guardrails.facts (declared: ${
        [...sources.keys()].join(', ') || 'none'
      })`,
    );
    return { problems, values: {}, observedAt };
  }
  if (isNaN(observedAt.getTime()))
    problems.push(`observedAt "${request.observedAt}" is not a timestamp`);
  else if (observedAt.getTime() > now.getTime() + 5 * 60_000)
    problems.push(`observedAt ${request.observedAt} is in the future`);
  const entries = Object.entries(request.values);
  if (entries.length === 0) problems.push('values is empty');
  for (const [field, value] of entries) {
    // Own properties only: "constructor" or "__proto__" are not declared fields.
    const type = Object.hasOwn(schema.fields, field)
      ? schema.fields[field]
      : undefined;
    if (!type)
      problems.push(
        `values.${field} is not a field of source "${
          schema.id
        }" (fields: ${Object.keys(schema.fields).join(', ')})`,
      );
    else if (value !== null && !matches[type](value))
      problems.push(
        `values.${field} must be a ${type}, got ${JSON.stringify(value)}`,
      );
  }
  return {
    problems,
    values: request.values as Record<string, FactValue>,
    observedAt,
  };
}
