import type { Entity } from '@backstage/catalog-model';
import {
  AUTONOMY_ANNOTATIONS,
  parseRefOfKind,
} from '@aligned-autonomy/plugin-autonomy-common';

/** Support hours an API's providing team may promise (`aligned-autonomy.io/sla-support`). */
export const SLA_SUPPORT_LEVELS = [
  '24x7',
  'business-hours',
  'best-effort',
] as const;

/** Service tiers (`aligned-autonomy.io/tier`): 1 is the most critical. */
export const SERVICE_TIERS = ['1', '2', '3'] as const;

type Annotations = Record<string, string> | undefined;

// Plain decimal numbers only: no sign, exponent, unit, percent sign or surrounding whitespace,
// since the rest of Aligned Autonomy reads these annotations verbatim.
const DECIMAL = /^\d+(?:\.\d+)?$/;
const DURATION = /^(\d+(?:\.\d+)?)(ms|s)$/;

function isPercentage(value: string): boolean {
  if (!DECIMAL.test(value)) return false;
  const n = Number(value);
  return n > 0 && n <= 100;
}

function isDuration(value: string): boolean {
  const match = DURATION.exec(value);
  return match !== null && Number(match[1]) > 0;
}

function check(
  annotations: Annotations,
  key: string,
  valid: (value: string) => boolean,
  expected: string,
): string | undefined {
  const value = annotations?.[key];
  if (value === undefined || valid(value)) return undefined;
  return `${key} "${value}" is not ${expected}`;
}

const defined = (problems: (string | undefined)[]): string[] =>
  problems.filter((p): p is string => p !== undefined);

/**
 * Checks the SLA annotations of an API entity. Each annotation is optional; a present one must be
 * well formed. Returns one problem per bad annotation, naming it and its value.
 */
export function validateApiAnnotations(annotations: Annotations): string[] {
  return defined([
    check(
      annotations,
      AUTONOMY_ANNOTATIONS.slaAvailability,
      isPercentage,
      'a percentage greater than 0 and at most 100, e.g. "99.9"',
    ),
    check(
      annotations,
      AUTONOMY_ANNOTATIONS.slaLatencyP99,
      isDuration,
      'a positive duration in milliseconds or seconds, e.g. "300ms" or "1.5s"',
    ),
    check(
      annotations,
      AUTONOMY_ANNOTATIONS.slaSupport,
      v => (SLA_SUPPORT_LEVELS as readonly string[]).includes(v),
      `one of ${SLA_SUPPORT_LEVELS.join(', ')}`,
    ),
  ]);
}

/**
 * Checks the tier and SLO annotations of a Component entity. Each annotation is optional; a
 * present one must be well formed. Returns one problem per bad annotation, naming it and its value.
 */
export function validateComponentAnnotations(
  annotations: Annotations,
): string[] {
  return defined([
    check(
      annotations,
      AUTONOMY_ANNOTATIONS.tier,
      v => (SERVICE_TIERS as readonly string[]).includes(v),
      `a tier (${SERVICE_TIERS.join(', ')})`,
    ),
    check(
      annotations,
      AUTONOMY_ANNOTATIONS.slo,
      isPercentage,
      'a percentage greater than 0 and at most 100, e.g. "99.95"',
    ),
  ]);
}

/**
 * Checks the mission annotation, which any entity may carry: a reference to a Mission
 * (`mission:default/checkout`, or a name in the entity's namespace).
 */
export function validateMissionAnnotation(
  annotations: Annotations,
  namespace = 'default',
): string[] {
  return defined([
    check(
      annotations,
      AUTONOMY_ANNOTATIONS.mission,
      v => 'ref' in parseRefOfKind(v, 'mission', namespace),
      'a Mission reference, e.g. "mission:default/checkout"',
    ),
  ]);
}

/**
 * The annotation problems of an entity: the mission annotation on every kind, SLA annotations on
 * APIs, tier and SLO on Components (Groups' team API is checked by `parseTeamApi`).
 */
export function validateEntityAnnotations(entity: Entity): string[] {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const annotations = entity.metadata.annotations;
  return [
    ...validateMissionAnnotation(annotations, entity.metadata.namespace),
    ...(kind === 'api' ? validateApiAnnotations(annotations) : []),
    ...(kind === 'component' ? validateComponentAnnotations(annotations) : []),
  ];
}
