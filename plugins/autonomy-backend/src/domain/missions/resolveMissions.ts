import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  ChainProblem,
  MissionProblem,
  MissionResolution,
  MissionSummary,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { CatalogNode, CatalogSnapshot } from '../catalogSnapshot';

/** The kinds whose mission chain is resolved and stored. */
export const KINDS_WITH_MISSIONS = new Set([
  'component',
  'api',
  'resource',
  'system',
  'domain',
  'group',
  'mission',
]);

export interface EntityMission {
  entityRef: string;
  kind: string;
  specType?: string;
  title: string;
  ownerRef?: string;
  resolution?: MissionResolution;
  /** Mission refs from the entity's mission up to the top; empty when unresolved. */
  chainRefs: string[];
  problem?: ChainProblem;
  /** Groups only: the group has a mission of its own (annotation or an owned Mission). */
  hasOwnMission?: boolean;
}

export interface MissionAnalysis {
  entities: EntityMission[];
  /** Missions without `stale`: staleness depends on the day it is read. */
  missions: Omit<MissionSummary, 'stale'>[];
  problems: MissionProblem[];
}

/** The node at a reference, if the reference is set and the entity exists. */
function nodeAt(snapshot: CatalogSnapshot, ref: string | undefined) {
  return ref ? snapshot.get(ref) : undefined;
}

interface Chain {
  refs: string[];
  problem?: ChainProblem;
}

function normalizeParent(mission: CatalogNode): string | undefined {
  const parent = mission.mission?.parent;
  if (!parent) return undefined;
  try {
    const { namespace } = parseEntityRef(mission.ref);
    return stringifyEntityRef(
      parseEntityRef(parent, {
        defaultKind: 'mission',
        defaultNamespace: namespace,
      }),
    );
  } catch {
    return undefined; // the processor already rejects invalid references
  }
}

/**
 * Resolves the mission of every entity and its chain up to the north star.
 *
 * The rule, first match wins: the entity's own `aligned-autonomy.io/mission` annotation; its
 * system's annotation; its domain's (the system's domain); its owning group's mission (the group's
 * annotation, else a Mission the group owns); then the owning group's ancestors, nearest first.
 * A Mission entity resolves to itself. A reference to a mission that does not exist stops the
 * rule and is reported, rather than silently falling back to a wider mission.
 *
 * Pure: every chain walk is memoised per mission and guarded against cycles, so the cost is
 * linear in the catalog size.
 */
export function resolveMissions(snapshot: CatalogSnapshot): MissionAnalysis {
  // Only entities that are Missions of our apiVersion; another plugin's "Mission" kind is not ours.
  const missionNodes = [...snapshot.values()].filter(
    n => n.mission !== undefined,
  );
  const parentOf = new Map(missionNodes.map(m => [m.ref, normalizeParent(m)]));

  // Missions owned by each group, sorted so the choice among several is deterministic.
  const ownedMissions = new Map<string, string[]>();
  for (const m of missionNodes) {
    if (!m.ownerRef) continue;
    const list = ownedMissions.get(m.ownerRef) ?? [];
    list.push(m.ref);
    ownedMissions.set(m.ownerRef, list);
  }
  for (const list of ownedMissions.values()) list.sort();

  const chains = new Map<string, Chain>();
  const chainOf = (start: string): Chain => {
    const cached = chains.get(start);
    if (cached) return cached;
    const path: string[] = [];
    const onPath = new Set<string>();
    let current: string | undefined = start;
    let tail: Chain = { refs: [] };
    while (current) {
      const known = chains.get(current);
      if (known) {
        tail = known;
        break;
      }
      if (onPath.has(current)) {
        tail = {
          refs: [],
          problem: {
            type: 'cycle',
            ref: current,
            message: `Mission parents form a cycle through ${current}`,
          },
        };
        break;
      }
      if (!parentOf.has(current)) {
        const missing = current;
        tail = {
          refs: [],
          problem:
            path.length === 0
              ? {
                  type: 'missing-mission',
                  ref: missing,
                  message: `Mission ${missing} does not exist`,
                }
              : {
                  type: 'missing-parent',
                  ref: missing,
                  message: `Parent mission ${missing} of ${
                    path[path.length - 1]
                  } does not exist`,
                },
        };
        break;
      }
      path.push(current);
      onPath.add(current);
      current = parentOf.get(current);
    }
    // Fill the memo from the end of the path so each suffix is shared.
    let result = tail;
    for (let i = path.length - 1; i >= 0; i--) {
      result = { refs: [path[i], ...result.refs], problem: result.problem };
      chains.set(path[i], result);
    }
    return chains.get(start) ?? tail;
  };

  const ownMissionOfGroup = (group: CatalogNode): string | undefined =>
    group.missionAnnotationRef ?? ownedMissions.get(group.ref)?.[0];

  const resolve = (node: CatalogNode): MissionResolution | ChainProblem => {
    if (node.mission) {
      return { missionRef: node.ref, via: 'self', sourceRef: node.ref };
    }
    if (node.invalidMissionAnnotation !== undefined) {
      return {
        type: 'missing-mission',
        message: `The mission annotation "${node.invalidMissionAnnotation}" is not a Mission reference`,
      };
    }
    if (node.missionAnnotationRef) {
      return {
        missionRef: node.missionAnnotationRef,
        via: 'annotation',
        sourceRef: node.ref,
      };
    }
    const system = nodeAt(snapshot, node.systemRef);
    if (system?.missionAnnotationRef) {
      return {
        missionRef: system.missionAnnotationRef,
        via: 'system',
        sourceRef: system.ref,
      };
    }
    const domainRef =
      node.kind === 'system' ? node.domainRef : system?.domainRef;
    const domain = nodeAt(snapshot, domainRef);
    if (domain?.missionAnnotationRef) {
      return {
        missionRef: domain.missionAnnotationRef,
        via: 'domain',
        sourceRef: domain.ref,
      };
    }
    // A group's "owner" is the group itself; other entities go to their owning group.
    let group = node.kind === 'group' ? node : nodeAt(snapshot, node.ownerRef);
    const visited = new Set<string>();
    let via: MissionResolution['via'] =
      node.kind === 'group' ? 'annotation' : 'owner';
    while (group && group.kind === 'group' && !visited.has(group.ref)) {
      visited.add(group.ref);
      const missionRef = ownMissionOfGroup(group);
      if (missionRef) return { missionRef, via, sourceRef: group.ref };
      via = 'owner-ancestor';
      group = nodeAt(snapshot, group.parentGroupRef);
    }
    return {
      type: 'no-mission',
      message:
        'No mission on the entity, its system, its domain or its owning team',
    };
  };

  const entities: EntityMission[] = [];
  for (const node of snapshot.values()) {
    if (!KINDS_WITH_MISSIONS.has(node.kind)) continue;
    const outcome = resolve(node);
    const entry: EntityMission = {
      entityRef: node.ref,
      kind: node.kind,
      specType: node.specType,
      title: node.title,
      ownerRef: node.ownerRef,
      chainRefs: [],
    };
    if (node.kind === 'group')
      entry.hasOwnMission = ownMissionOfGroup(node) !== undefined;
    if ('missionRef' in outcome) {
      const chain = chainOf(outcome.missionRef);
      entry.resolution = outcome;
      entry.chainRefs = chain.refs;
      entry.problem = chain.problem;
    } else {
      entry.problem = outcome;
    }
    entities.push(entry);
  }

  return {
    entities,
    missions: missionNodes.map(m =>
      summarize(m, parentOf.get(m.ref), snapshot),
    ),
    problems: missionProblems(missionNodes, parentOf, chainOf, snapshot),
  };
}

function departmentOf(ownerRef: string | undefined, snapshot: CatalogSnapshot) {
  const visited = new Set<string>();
  let group = nodeAt(snapshot, ownerRef);
  while (group && group.kind === 'group' && !visited.has(group.ref)) {
    if (group.specType === 'department') return group.ref;
    visited.add(group.ref);
    group = nodeAt(snapshot, group.parentGroupRef);
  }
  return undefined;
}

function summarize(
  node: CatalogNode,
  parentRef: string | undefined,
  snapshot: CatalogSnapshot,
): Omit<MissionSummary, 'stale'> {
  const spec = node.mission!;
  return {
    ref: node.ref,
    title: node.title,
    ownerRef: node.ownerRef ?? spec.owner,
    departmentRef: departmentOf(node.ownerRef, snapshot),
    statement: spec.statement,
    why: spec.why,
    parentRef,
    horizon: spec.horizon,
    reviewBy: spec.reviewBy,
    successMetrics: spec.successMetrics ?? [],
  };
}

function missionProblems(
  missions: CatalogNode[],
  parentOf: Map<string, string | undefined>,
  chainOf: (ref: string) => Chain,
  snapshot: CatalogSnapshot,
): MissionProblem[] {
  const problems: MissionProblem[] = [];
  for (const m of missions) {
    const owner = nodeAt(snapshot, m.ownerRef);
    if (!owner) {
      problems.push({
        missionRef: m.ref,
        type: 'missing-owner',
        message: `Owner ${m.ownerRef ?? m.mission?.owner} does not exist`,
      });
    } else if (owner.kind !== 'group') {
      problems.push({
        missionRef: m.ref,
        type: 'owner-not-group',
        message: `Owner ${owner.ref} is not a Group`,
      });
    }
    const parent = parentOf.get(m.ref);
    if (parent && !parentOf.has(parent)) {
      problems.push({
        missionRef: m.ref,
        type: 'missing-parent',
        message: `Parent mission ${parent} does not exist`,
      });
    }
    const chain = chainOf(m.ref);
    if (chain.problem?.type === 'cycle') {
      problems.push({
        missionRef: m.ref,
        type: 'cycle',
        message: chain.problem.message,
      });
    }
  }
  return problems;
}
