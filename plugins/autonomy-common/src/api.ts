import type { MissionSuccessMetric } from './mission';

/**
 * How an entity's mission was found, in the order the rule tries them: the entity's own
 * annotation, its system's, its domain's, its owning group's (annotation or an owned Mission),
 * then the owning group's ancestors. `self` is a Mission entity itself.
 *
 * @public
 */
export type MissionResolutionVia =
  | 'self'
  | 'annotation'
  | 'system'
  | 'domain'
  | 'owner'
  | 'owner-ancestor';

/** @public */
export interface MissionResolution {
  missionRef: string;
  via: MissionResolutionVia;
  /** The entity whose annotation or ownership supplied the mission. */
  sourceRef: string;
}

/**
 * Why a mission chain does not reach the north star.
 * @public
 */
export type ChainProblemType =
  | 'no-mission'
  | 'missing-mission'
  | 'missing-parent'
  | 'cycle';

/** @public */
export interface ChainProblem {
  type: ChainProblemType;
  message: string;
  /** The reference that could not be followed, when there is one. */
  ref?: string;
}

/**
 * A problem with a Mission entity found by looking at the whole catalog (what one entity's
 * validation cannot see).
 * @public
 */
export interface MissionProblem {
  missionRef: string;
  type: 'missing-owner' | 'owner-not-group' | 'missing-parent' | 'cycle';
  message: string;
}

/** @public */
export interface MissionSummary {
  ref: string;
  title: string;
  ownerRef: string;
  /** The department (a Group of type department) the owner belongs to, if any. */
  departmentRef?: string;
  statement: string;
  why: string;
  parentRef?: string;
  horizon?: string;
  reviewBy?: string;
  /** True when `reviewBy` is in the past. */
  stale: boolean;
  successMetrics: MissionSuccessMetric[];
}

/** @public */
export interface MissionChainResponse {
  entityRef: string;
  resolution?: MissionResolution;
  /** From the entity's mission up to the north star. */
  chain: MissionSummary[];
  problem?: ChainProblem;
  /** Problems of the missions on the chain (e.g. an owner that does not exist). */
  missionProblems: MissionProblem[];
  /** When the catalog was last analysed (ISO timestamp). */
  evaluatedAt: string;
}

/** @public */
export interface MissionTreeResponse {
  missions: MissionSummary[];
  /** Missions without a parent: normally exactly one, the north star. */
  rootRefs: string[];
  problems: MissionProblem[];
  evaluatedAt: string;
}

/** @public */
export interface EntityChainIssue {
  entityRef: string;
  kind: string;
  ownerRef?: string;
  resolution?: MissionResolution;
  problem: ChainProblem;
}

/** @public */
export interface BrokenChainsResponse {
  items: EntityChainIssue[];
  /** All broken chains, of which `items` is one page. */
  total: number;
  evaluatedAt: string;
}

/** @public */
export interface TeamsWithoutMissionResponse {
  items: { teamRef: string; title: string; parentRef?: string }[];
  evaluatedAt: string;
}

/** @public */
export interface StaleMissionsResponse {
  items: MissionSummary[];
  evaluatedAt: string;
}
