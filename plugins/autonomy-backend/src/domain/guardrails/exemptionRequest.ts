import {
  parseTimestamp,
  type CreateExemptionRequest,
} from '@aligned-autonomy/plugin-autonomy-common';

const DAY_MS = 86_400_000;

/** Decision records are web pages: any other scheme (javascript:, data:, file:) is refused. */
function isWebUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * What is wrong with an exemption request on its own, in words naming each field: an unknown
 * guardrail, an expiry that is not a timestamp on the calendar, not ahead or too far ahead, a
 * decision record that is not a web address. Returns the expiry when there is no problem. Whether
 * the guardrail applies to the entity needs the catalog, and is checked after.
 */
export function checkExemptionRequest(
  request: CreateExemptionRequest,
  options: { guardrailIds: Set<string>; maxDays: number; now: Date },
): { problems: string[]; expiresAt?: Date } {
  const { guardrailIds, maxDays, now } = options;
  const problems: string[] = [];
  if (!guardrailIds.has(request.guardrailId))
    problems.push(
      `guardrailId "${request.guardrailId}" is not a configured guardrail`,
    );
  const expiresAt = parseTimestamp(request.expiresAt);
  if (!expiresAt)
    problems.push(
      `expiresAt "${request.expiresAt}" is not an ISO 8601 timestamp with a time zone on the calendar, e.g. 2026-12-31T17:00:00Z`,
    );
  else if (expiresAt.getTime() <= now.getTime())
    problems.push('expiresAt must be in the future');
  else if (expiresAt.getTime() > now.getTime() + maxDays * DAY_MS)
    problems.push(
      `expiresAt is more than ${maxDays} days ahead (autonomy.guardrails.exemptions.maxDays)`,
    );
  if (
    request.decisionRecordUrl !== undefined &&
    !isWebUrl(request.decisionRecordUrl)
  )
    problems.push(
      `decisionRecordUrl ${JSON.stringify(
        request.decisionRecordUrl,
      )} is not an http or https address`,
    );
  return problems.length ? { problems } : { problems, expiresAt };
}
