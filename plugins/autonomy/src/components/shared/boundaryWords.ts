import type {
  BoundaryProblem,
  DecisionScope,
  DependencyHealth,
  InteractionMode,
  TeamType,
} from '@aligned-autonomy/plugin-autonomy-common';

export const HEALTH_LABELS: Record<DependencyHealth, string> = {
  healthy: 'Healthy',
  'contract-gap': 'Contract gap',
  violation: 'Boundary violation',
};

/** Healthy first, as in the map's edge labels. */
export const HEALTHS: DependencyHealth[] = [
  'healthy',
  'contract-gap',
  'violation',
];

/** What each health means, for legends and tooltips. */
export const HEALTH_MEANINGS: Record<DependencyHealth, string> = {
  healthy: 'through an API of the other team that declares an SLA',
  'contract-gap': 'through an API of the other team without an SLA',
  violation: "directly on another team's component or resource",
};

export const TEAM_TYPE_LABELS: Record<TeamType, string> = {
  'stream-aligned': 'Stream-aligned',
  platform: 'Platform',
  enabling: 'Enabling',
  'complicated-subsystem': 'Complicated subsystem',
};

export const INTERACTION_MODE_LABELS: Record<InteractionMode, string> = {
  'x-as-a-service': 'X-as-a-Service',
  collaboration: 'Collaboration',
  facilitating: 'Facilitating',
};

export const PROBLEM_LABELS: Record<BoundaryProblem['type'], string> = {
  'self-dependency': 'Depends on itself',
  'missing-target': 'Dependency not in the catalog',
  'dependency-cycle': 'Dependency cycle',
  'missing-interaction-team': 'Interaction with an unknown team',
  'expired-collaboration': 'Collaboration past its end date',
};

export const SCOPE_LABELS: Record<DecisionScope, string> = {
  local: 'Decided by the team',
  'design-review': 'Design review',
  'cross-functional': 'Cross-functional review',
};

/** Labels come from configuration or analysis, often lower-case: "no violations" shows as "No violations". */
export const capitalise = (text: string) =>
  text ? text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1) : text;

export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;

/** Today as YYYY-MM-DD in UTC, the form of interaction end dates. */
export const todayIso = () => new Date().toISOString().slice(0, 10);
