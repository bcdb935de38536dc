import type { EntityScore } from '@aligned-autonomy/plugin-autonomy-common';

/** Quotes a CSV field when it needs it, and defuses spreadsheet formulas (=, +, -, @). */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_HEADER = [
  'entity',
  'title',
  'kind',
  'owner',
  'system',
  'domain',
  'level',
  'score',
  'pass',
  'fail',
  'warning',
  'unknown',
  'exempt',
  'failing guardrails',
  'evaluated at',
];

/** One CSV line per entity score, in the order of CSV_HEADER. */
export function scoreToCsvRow(s: EntityScore): string {
  return [
    s.entityRef,
    s.title,
    s.kind,
    s.ownerRef,
    s.systemRef,
    s.domainRef,
    s.level ?? 'none',
    s.score,
    s.counts.pass,
    s.counts.fail,
    s.counts.warning,
    s.counts.unknown,
    s.counts.exempt,
    s.failingGuardrailIds.join(' '),
    s.evaluatedAt,
  ]
    .map(csvField)
    .join(',');
}
