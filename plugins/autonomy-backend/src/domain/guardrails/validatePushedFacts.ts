import {
  MAX_CLOCK_SKEW_MS,
  parseCalendarDate,
  parsePastTimestamp,
  parseTimestamp,
  type PushFactsRequest,
} from '@aligned-autonomy/plugin-autonomy-common';
import {
  factField,
  type FactField,
  type FactFieldType,
  type FactSourceSchema,
  type FactValue,
} from './facts';

/** A datetime value: a timestamp with a time zone, or a calendar day (its start, UTC). */
function instantOf(value: unknown): Date | undefined {
  const day = parseCalendarDate(value);
  return day ? new Date(`${day}T00:00:00Z`) : parseTimestamp(value);
}

const matches: Record<FactFieldType, (v: unknown) => boolean> = {
  string: v => typeof v === 'string',
  number: v => typeof v === 'number' && isFinite(v),
  boolean: v => typeof v === 'boolean',
  datetime: v => instantOf(v) !== undefined,
  'string-array': v => Array.isArray(v) && v.every(i => typeof i === 'string'),
};

/**
 * What the declared range or allowed values say of a value of the right type, if anything. A
 * datetime is something observed (the last chaos run): one in the future would pass
 * `newerThanDays` for ever, so it is refused.
 */
function outOfBounds(
  field: FactField,
  value: unknown,
  now: Date,
): string | undefined {
  if (field.type === 'datetime') {
    const at = instantOf(value)!;
    if (at.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS)
      return `${String(value)} is in the future`;
  }
  if (typeof value === 'number') {
    if (field.min !== undefined && value < field.min)
      return `must be at least ${field.min}, got ${value}`;
    if (field.max !== undefined && value > field.max)
      return `must be at most ${field.max}, got ${value}`;
  }
  if (field.enum) {
    const allowed = field.enum;
    const bad = ([] as unknown[])
      .concat(value)
      .filter(v => typeof v === 'string' && !allowed.includes(v));
    if (bad.length)
      return `must be one of ${allowed.join(', ')}, got ${bad
        .map(v => JSON.stringify(v))
        .join(', ')}`;
  }
  return undefined;
}

/**
 * Checks a push against its declared source: a timestamp `observedAt` on the calendar and not in
 * the future, and every value of a declared field, of its type and within its declared range or
 * allowed values, datetimes not in the future (null clears a value). Returns the problems in words, naming each field; empty
 * when valid.
 */
export function validatePushedFacts(
  request: PushFactsRequest,
  sources: Map<string, FactSourceSchema>,
  now: Date,
): { problems: string[]; values: Record<string, FactValue>; observedAt: Date } {
  const problems: string[] = [];
  const schema = sources.get(request.source);
  let observedAt = now;
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
  if (request.observedAt !== undefined) {
    const read = parsePastTimestamp(request.observedAt, 'observedAt', now);
    if ('problem' in read) problems.push(read.problem);
    else observedAt = read.date;
  }
  const entries = Object.entries(request.values);
  if (entries.length === 0) problems.push('values is empty');
  for (const [name, value] of entries) {
    const field = factField(schema, name);
    if (!field) {
      problems.push(
        `values.${name} is not a field of source "${
          schema.id
        }" (fields: ${Object.keys(schema.fields).join(', ')})`,
      );
      continue;
    }
    if (value === null) continue;
    if (!matches[field.type](value)) {
      problems.push(
        `values.${name} must be a ${field.type}, got ${JSON.stringify(value)}`,
      );
      continue;
    }
    const bounds = outOfBounds(field, value, now);
    if (bounds) problems.push(`values.${name} ${bounds}`);
  }
  return {
    problems,
    values: request.values as Record<string, FactValue>,
    observedAt,
  };
}
