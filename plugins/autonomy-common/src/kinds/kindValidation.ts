import type { Entity } from '@backstage/catalog-model';
import type { ErrorObject } from 'ajv';
import { parseCalendarDate, parseTimestamp } from '../dates';
import { parseRefOfKind } from '../refs';

/**
 * What the validators of this suite's catalog kinds share: schema errors in words naming their
 * field, reference checks, and YAML dates read as the day meant.
 */

/** `/successMetrics/0/target` under `spec` → `spec.successMetrics[0].target`. */
function fieldOf(pointer: string, root: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (field, part) =>
        /^\d+$/.test(part) ? `${field}[${part}]` : `${field}.${part}`,
      root,
    );
}

/** A JSON schema error in words, naming its field under `root` (e.g. `spec`). */
export function describeSchemaError(error: ErrorObject, root: string): string {
  const field = fieldOf(error.instancePath, root);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${field}.${params.missingProperty} is required`;
    case 'additionalProperties':
      return `${field}.${params.additionalProperty} is not a known field`;
    case 'enum':
      return `${field} must be one of ${(
        params.allowedValues as unknown[]
      ).join(', ')}`;
    case 'pattern':
      return params.pattern === '^\\d{4}-\\d{2}-\\d{2}$'
        ? `${field} is not a calendar date YYYY-MM-DD`
        : `${field} must match ${params.pattern}`;
    default:
      return `${field} ${error.message}`;
  }
}

/**
 * Ends the validation of an entity of one of this suite's kinds: once the kind's own checks found
 * nothing, checks the envelope (metadata and the like, which the catalog's policies also check),
 * then throws a TypeError naming every problem at once, if any.
 */
export function throwIfInvalid(
  kind: string,
  entity: Entity,
  problems: string[],
  envelopeValidator: (entity: unknown) => unknown,
): void {
  if (problems.length === 0) {
    try {
      envelopeValidator(entity);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0)
    throw new TypeError(
      `${kind} ${entity.metadata?.name} is invalid: ${problems.join('; ')}`,
    );
}

/** Why `value` is not a reference to an entity of `kind`, or undefined when it is one. */
export function refProblem(
  value: string,
  field: string,
  kind: string,
  namespace: string,
): string | undefined {
  const parsed = parseRefOfKind(value, kind, namespace);
  if ('ref' in parsed) return undefined;
  return parsed.problem === 'other-kind'
    ? `${field} must reference a ${kind}, got "${value}"`
    : `${field} is not a valid entity reference: "${value}"`;
}

/**
 * Collects the problems of one entity: schema problems first, then checks of fields the schema
 * found well formed (a field already named is not checked again).
 */
export class ProblemList {
  readonly problems: string[] = [];

  add(...problems: string[]) {
    this.problems.push(...problems);
  }

  private named(field: string) {
    return this.problems.some(
      p => p.startsWith(`${field} `) || p.startsWith(`${field}.`),
    );
  }

  /** Runs `problem` for a string value whose field has no problem yet. */
  check(field: string, value: unknown, problem: () => string | undefined) {
    if (typeof value !== 'string' || this.named(field)) return;
    const found = problem();
    if (found) this.problems.push(found);
  }

  /** Checks a calendar date (the schema only checks its shape). */
  checkDate(field: string, value: unknown) {
    this.check(field, value, () =>
      parseCalendarDate(value) === undefined
        ? `${field} is not a calendar date: "${value}"`
        : undefined,
    );
  }
}

/** A day as people write it in YAML: a YAML date (a Date, or its JSON form at midnight UTC). */
export function dayOf(value: unknown): unknown {
  if (value instanceof Date) return parseCalendarDate(value) ?? value;
  if (typeof value === 'string' && value.length > 10) {
    const instant = parseTimestamp(value);
    if (instant && instant.getTime() % 86_400_000 === 0)
      return instant.toISOString().slice(0, 10);
  }
  return value;
}
