import type { TeamApi } from './teamApi';

/**
 * How a dependency across a team boundary is made:
 * - `healthy`: through an API of the other team that declares an SLA;
 * - `contract-gap`: through an API of the other team without an SLA;
 * - `violation`: a direct dependency on another team's component or resource.
 * @public
 */
export type DependencyHealth = 'healthy' | 'contract-gap' | 'violation';

/** @public */
export interface CrossTeamDependency {
  /** The entity that depends. */
  fromRef: string;
  /** The API, component or resource it depends on. */
  toRef: string;
  fromTeamRef: string;
  toTeamRef: string;
  via: 'api' | 'direct';
  health: DependencyHealth;
  /** How to make it healthy, in words (absent when healthy). */
  fix?: string;
}

/**
 * Something the boundary analysis could not follow or that needs attention.
 * @public
 */
export interface BoundaryProblem {
  type:
    | 'self-dependency'
    | 'missing-target'
    | 'dependency-cycle'
    | 'missing-interaction-team'
    | 'expired-collaboration';
  entityRef: string;
  message: string;
  /** The refs involved (the missing target, the cycle's members…). */
  refs: string[];
}

/** @public */
export interface EntityBoundariesResponse {
  entityRef: string;
  ownerRef?: string;
  ownerTeamApi?: TeamApi;
  /** This entity's dependencies on other teams. */
  outbound: CrossTeamDependency[];
  /** Other teams' dependencies on this entity. */
  inbound: CrossTeamDependency[];
  problems: BoundaryProblem[];
  evaluatedAt: string;
}

/** @public */
export interface TeamLoad {
  ownedEntities: number;
  members: number;
  /** Owned entities per member; null for a team without members. */
  perMember: number | null;
  inboundDependencies: number;
  outboundDependencies: number;
}

/** @public */
export interface TeamBoundariesResponse {
  teamRef: string;
  teamApi: TeamApi;
  load: TeamLoad;
  /** Collaborations whose end date has passed. */
  expiredCollaborations: { teamRef: string; endsOn: string }[];
  outbound: CrossTeamDependency[];
  inbound: CrossTeamDependency[];
  problems: BoundaryProblem[];
  evaluatedAt: string;
}

/** @public */
export interface BoundaryMapResponse {
  teams: {
    teamRef: string;
    title: string;
    teamType?: string;
    ownedEntities: number;
  }[];
  /** Team-to-team edges with counts per health. */
  edges: {
    fromTeamRef: string;
    toTeamRef: string;
    healthy: number;
    contractGap: number;
    violation: number;
  }[];
  evaluatedAt: string;
}

/**
 * A gap in ownership found in the catalog.
 * @public
 */
export interface OwnershipGap {
  type:
    | 'no-owner'
    | 'missing-owner'
    | 'person-owner'
    | 'team-without-members'
    | 'scattered-system';
  entityRef: string;
  message: string;
  ownerRef?: string;
}

/** @public */
export interface OwnershipGapsResponse {
  items: OwnershipGap[];
  evaluatedAt: string;
}

/** @public */
export type DecisionScope = 'local' | 'design-review' | 'cross-functional';

/** @public */
export interface DecisionScopeResult {
  decisionId: string;
  title: string;
  /** Where this team decides it now. */
  scope: DecisionScope;
  defaultScope: DecisionScope;
}

/** @public */
export interface TeamAutonomyResponse {
  teamRef: string;
  /** The earned autonomy level's id and title; levels are configured. */
  level: { id: string; title: string };
  nextLevel?: {
    id: string;
    title: string;
    /** What stands between the team and the next level, in words. */
    missing: string[];
    /** Decisions that become local there. */
    wouldBecomeLocal: string[];
  };
  decisions: DecisionScopeResult[];
  /** The record the level is computed from. */
  record: {
    services: number;
    servicesByLevel: Record<string, number>;
    boundaryViolations: number;
    openExemptions: number;
  };
  load: TeamLoad;
  evaluatedAt: string;
}
