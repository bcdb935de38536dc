import {
  autonomyTabLink,
  NOTIFICATION_TOPICS,
  type AutonomyNotification,
} from './notifications';

/** A team × guardrail with failing entities: a cell of the heat map in state `fail`. */
export interface FailingCell {
  ownerRef: string;
  guardrailId: string;
}

export interface GuardrailSummary {
  id: string;
  title: string;
  howToFix: string;
  /** Required guardrails are the organisation's; recommended and team ones do not notify. */
  required: boolean;
}

/**
 * A required guardrail that starts failing for a team: the team had no entity failing it before
 * and has one now (a new guardrail, or one the team had met everywhere, or one whose grace period
 * ended). One notification per team × guardrail and day.
 */
export function guardrailFailingNotifications(
  before: FailingCell[],
  after: FailingCell[],
  guardrails: GuardrailSummary[],
  day: string,
): AutonomyNotification[] {
  const cell = (c: FailingCell) => `${c.ownerRef}\n${c.guardrailId}`;
  const failedBefore = new Set(before.map(cell));
  const byId = new Map(guardrails.map(g => [g.id, g]));
  const due: AutonomyNotification[] = [];
  for (const c of after) {
    const guardrail = byId.get(c.guardrailId);
    if (!guardrail?.required || failedBefore.has(cell(c))) continue;
    failedBefore.add(cell(c));
    due.push({
      key: `guardrail-failing:${c.ownerRef}:${c.guardrailId}:${day}`,
      topic: NOTIFICATION_TOPICS.guardrailFailing,
      recipients: [c.ownerRef],
      payload: {
        title: `"${guardrail.title}" now fails for ${c.ownerRef}`,
        description: `A required guardrail fails for entities of the team. How to fix: ${guardrail.howToFix}`,
        link: autonomyTabLink(c.ownerRef),
        severity: 'high',
      },
    });
  }
  return due;
}

/** What the notifications need of the guardrail definitions; a definition without a type is required. */
export function guardrailSummaries(
  definitions: {
    id: string;
    title: string;
    rationale: { howToFix?: string };
    type?: string;
  }[],
): GuardrailSummary[] {
  return definitions.map(d => ({
    id: d.id,
    title: d.title,
    howToFix: d.rationale.howToFix ?? "see the guardrail's rationale.",
    required: (d.type ?? 'required') === 'required',
  }));
}
