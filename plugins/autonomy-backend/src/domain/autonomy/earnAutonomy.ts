import type {
  DecisionScope,
  DecisionScopeResult,
  TeamAutonomyResponse,
} from '@aligned-autonomy/plugin-autonomy-common';

export interface DecisionDefinition {
  id: string;
  title: string;
  defaultScope: DecisionScope;
}

/** What a team must show to hold an autonomy level. Absent requirements always hold. */
export interface AutonomyRequirements {
  /** At least this share (0–1) of the team's evaluated entities at this guardrail level or above. */
  minShareAtLevel?: { level: string; share: number };
  maxBoundaryViolations?: number;
  maxOpenExemptions?: number;
  /**
   * At least this many choices the team made about how it works, and keeps: its own standards
   * that its entities meet, and recommended guardrails it opted out of with a written reason.
   * Both count: each is the team owning the how, in the open.
   */
  minOwnedChoices?: number;
}

export interface AutonomyLevelDefinition {
  id: string;
  title: string;
  requires: AutonomyRequirements;
  /** Decisions that become the team's own at this level (cumulative with the levels below). */
  localDecisions: string[];
}

export interface TeamRecord {
  /** Guardrail level (or null) of each entity the team owns. */
  entityLevels: (string | null)[];
  boundaryViolations: number;
  openExemptions: number;
  /** Recommended guardrails the team opted out of, with a reason. */
  optOuts: number;
  /** The team's own standards, and those every entity they apply to meets. */
  teamStandards: number;
  teamStandardsMet: number;
}

type Earned = Pick<
  TeamAutonomyResponse,
  'level' | 'nextLevel' | 'decisions'
> & {
  record: TeamAutonomyResponse['record'];
};

const percent = (x: number) => `${Math.round(x * 100)}%`;

function unmet(
  requires: AutonomyRequirements,
  record: TeamRecord,
  guardrailLevels: string[],
): string[] {
  const missing: string[] = [];
  if (requires.minShareAtLevel) {
    const { level, share } = requires.minShareAtLevel;
    const rank = guardrailLevels.indexOf(level);
    const total = record.entityLevels.length;
    const atLevel = record.entityLevels.filter(
      l => l !== null && guardrailLevels.indexOf(l) >= rank,
    ).length;
    const actual = total ? atLevel / total : 0;
    if (actual < share) {
      missing.push(
        `${percent(share)} of services at ${level} or above (now ${percent(
          actual,
        )}: ${atLevel} of ${total})`,
      );
    }
  }
  if (
    requires.maxBoundaryViolations !== undefined &&
    record.boundaryViolations > requires.maxBoundaryViolations
  ) {
    missing.push(
      requires.maxBoundaryViolations === 0
        ? `no boundary violations (now ${record.boundaryViolations})`
        : `at most ${requires.maxBoundaryViolations} boundary violations (now ${record.boundaryViolations})`,
    );
  }
  if (
    requires.maxOpenExemptions !== undefined &&
    record.openExemptions > requires.maxOpenExemptions
  ) {
    missing.push(
      `at most ${requires.maxOpenExemptions} open exemptions (now ${record.openExemptions})`,
    );
  }
  const owned = record.teamStandardsMet + record.optOuts;
  if (
    requires.minOwnedChoices !== undefined &&
    owned < requires.minOwnedChoices
  ) {
    missing.push(
      `${requires.minOwnedChoices} ${
        requires.minOwnedChoices === 1 ? 'choice' : 'choices'
      } of the team's own kept: team standards met or recommended guardrails opted out of with a reason (now ${owned}: ${
        record.teamStandardsMet
      } of ${record.teamStandards} standards met, ${record.optOuts} opt-outs)`,
    );
  }
  return missing;
}

/**
 * A team's earned autonomy: the highest configured level whose requirements, and those of every
 * level below it, its record meets. Decisions listed by the levels reached are the team's own;
 * the others keep their default scope. The next level says what is missing and what it would
 * make local: autonomy earned through accountability, and the way to widen it.
 */
export function earnAutonomy(options: {
  levels: AutonomyLevelDefinition[];
  decisions: DecisionDefinition[];
  guardrailLevels: string[];
  record: TeamRecord;
}): Earned {
  const { levels, decisions, guardrailLevels, record } = options;
  let reached = 0;
  while (
    reached + 1 < levels.length &&
    unmet(levels[reached + 1].requires, record, guardrailLevels).length === 0
  ) {
    reached++;
  }
  const local = new Set(
    levels.slice(0, reached + 1).flatMap(l => l.localDecisions),
  );
  const next = levels[reached + 1];
  const title = (id: string) => decisions.find(d => d.id === id)?.title ?? id;
  const results: DecisionScopeResult[] = decisions.map(d => ({
    decisionId: d.id,
    title: d.title,
    defaultScope: d.defaultScope,
    scope: local.has(d.id) ? 'local' : d.defaultScope,
  }));
  const servicesByLevel: Record<string, number> = {};
  for (const level of record.entityLevels) {
    const key = level ?? 'none';
    servicesByLevel[key] = (servicesByLevel[key] ?? 0) + 1;
  }
  return {
    level: { id: levels[reached].id, title: levels[reached].title },
    nextLevel: next && {
      id: next.id,
      title: next.title,
      missing: unmet(next.requires, record, guardrailLevels),
      wouldBecomeLocal: next.localDecisions
        .filter(id => !local.has(id))
        .map(title),
    },
    decisions: results,
    record: {
      services: record.entityLevels.length,
      servicesByLevel,
      boundaryViolations: record.boundaryViolations,
      openExemptions: record.openExemptions,
      optOuts: record.optOuts,
      teamStandards: record.teamStandards,
      teamStandardsMet: record.teamStandardsMet,
    },
  };
}
