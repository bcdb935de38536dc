import {
  AUTONOMY_ANNOTATIONS,
  parseTeamApi,
  type BoundaryProblem,
  type CrossTeamDependency,
  type OwnershipGap,
  type TeamApi,
  type TeamLoad,
} from '@aligned-autonomy/plugin-autonomy-common';
import { parseEntityRef } from '@backstage/catalog-model';
import type { CatalogNode, CatalogSnapshot } from '../catalogSnapshot';
import { findCycles } from './findCycles';

export interface TeamBoundaries {
  teamRef: string;
  title: string;
  /** The parent group, e.g. the department. */
  parentRef?: string;
  teamApi: TeamApi;
  load: TeamLoad;
  expiredCollaborations: { teamRef: string; endsOn: string }[];
}

export interface BoundaryAnalysis {
  dependencies: CrossTeamDependency[];
  problems: BoundaryProblem[];
  teams: TeamBoundaries[];
  gaps: OwnershipGap[];
}

/** Kinds whose ownership and dependencies the analysis looks at. */
const OWNED_KINDS = new Set(['component', 'api', 'resource', 'system']);
/** Owners spread over this many teams make a system's ownership unclear. */
const SCATTERED_SYSTEM_OWNERS = 3;

const name = (ref: string) => parseEntityRef(ref).name;

function classify(
  from: CatalogNode,
  to: CatalogNode,
  fromTeam: string,
  toTeam: string,
): CrossTeamDependency {
  const base = {
    fromRef: from.ref,
    toRef: to.ref,
    fromTeamRef: fromTeam,
    toTeamRef: toTeam,
  };
  if (to.kind === 'api') {
    if (to.annotations?.[AUTONOMY_ANNOTATIONS.slaAvailability] !== undefined) {
      return { ...base, via: 'api', health: 'healthy' };
    }
    return {
      ...base,
      via: 'api',
      health: 'contract-gap',
      fix: `Ask ${name(toTeam)} to declare the SLA of ${name(to.ref)} (${
        AUTONOMY_ANNOTATIONS.slaAvailability
      } and friends), so you can rely on it without a meeting.`,
    };
  }
  return {
    ...base,
    via: 'direct',
    health: 'violation',
    fix: `Depend on an API of ${name(toTeam)} instead of their ${
      to.kind
    } ${name(to.ref)} directly: agree an API with an SLA, or move ${name(
      to.ref,
    )} to your team if it is really yours.`,
  };
}

/**
 * Classifies every dependency that crosses a team boundary (through an API with an SLA, an API
 * without one, or directly into another team's component or resource), and reports what cannot
 * be followed: self-dependencies, missing targets, dependency cycles, interactions with teams that
 * do not exist, collaborations past their end date. Also computes each team's load and the
 * catalog's ownership gaps. Pure and linear in entities plus relations.
 */
export function analyzeBoundaries(
  snapshot: CatalogSnapshot,
  today: string,
): BoundaryAnalysis {
  const dependencies: CrossTeamDependency[] = [];
  const problems: BoundaryProblem[] = [];
  const gaps: OwnershipGap[] = [];
  const graph = new Map<string, string[]>();
  const owned = new Map<string, number>();
  const systemOwners = new Map<string, Set<string>>();

  for (const node of snapshot.values()) {
    if (!OWNED_KINDS.has(node.kind)) continue;
    const owner = node.ownerRef ? snapshot.get(node.ownerRef) : undefined;
    if (!node.ownerRef)
      gaps.push({
        type: 'no-owner',
        entityRef: node.ref,
        message: 'Has no owner',
      });
    else if (!owner)
      gaps.push({
        type: 'missing-owner',
        entityRef: node.ref,
        ownerRef: node.ownerRef,
        message: `Owner ${node.ownerRef} is not in the catalog`,
      });
    else if (owner.kind === 'user')
      gaps.push({
        type: 'person-owner',
        entityRef: node.ref,
        ownerRef: node.ownerRef,
        message: `Owned by a person (${node.ownerRef}), not a team`,
      });
    if (node.ownerRef)
      owned.set(node.ownerRef, (owned.get(node.ownerRef) ?? 0) + 1);
    if (node.systemRef && node.ownerRef) {
      const set = systemOwners.get(node.systemRef) ?? new Set<string>();
      set.add(node.ownerRef);
      systemOwners.set(node.systemRef, set);
    }

    const targets: string[] = [];
    for (const relation of node.relations ?? []) {
      if (relation.type !== 'dependsOn' && relation.type !== 'consumesApi')
        continue;
      const targetRef = relation.targetRef;
      if (targetRef === node.ref) {
        problems.push({
          type: 'self-dependency',
          entityRef: node.ref,
          refs: [node.ref],
          message: `${name(node.ref)} depends on itself`,
        });
        continue;
      }
      const target = snapshot.get(targetRef);
      if (!target) {
        problems.push({
          type: 'missing-target',
          entityRef: node.ref,
          refs: [targetRef],
          message: `${name(
            node.ref,
          )} depends on ${targetRef}, which is not in the catalog`,
        });
        continue;
      }
      targets.push(targetRef);
      if (
        node.ownerRef &&
        target.ownerRef &&
        node.ownerRef !== target.ownerRef
      ) {
        dependencies.push(
          classify(node, target, node.ownerRef, target.ownerRef),
        );
      }
    }
    graph.set(node.ref, targets);
  }

  for (const cycle of findCycles(graph)) {
    problems.push({
      type: 'dependency-cycle',
      entityRef: cycle[0],
      refs: cycle,
      message: `Dependency cycle: ${cycle.map(name).join(' → ')} → ${name(
        cycle[0],
      )}`,
    });
  }
  for (const [systemRef, owners] of systemOwners) {
    if (owners.size >= SCATTERED_SYSTEM_OWNERS) {
      gaps.push({
        type: 'scattered-system',
        entityRef: systemRef,
        message: `Its parts are owned by ${owners.size} different teams: ${[
          ...owners,
        ]
          .map(name)
          .join(', ')}`,
      });
    }
  }

  const inbound = new Map<string, number>();
  const outbound = new Map<string, number>();
  for (const d of dependencies) {
    inbound.set(d.toTeamRef, (inbound.get(d.toTeamRef) ?? 0) + 1);
    outbound.set(d.fromTeamRef, (outbound.get(d.fromTeamRef) ?? 0) + 1);
  }
  const teams: TeamBoundaries[] = [];
  for (const group of snapshot.values()) {
    if (group.kind !== 'group') continue;
    const members = (group.relations ?? []).filter(
      r => r.type === 'hasMember',
    ).length;
    if (group.specType === 'team' && members === 0) {
      gaps.push({
        type: 'team-without-members',
        entityRef: group.ref,
        message: 'A team with no members cannot own anything in practice',
      });
    }
    const { teamApi } = parseTeamApi(
      group.annotations,
      parseEntityRef(group.ref).namespace,
    );
    const expiredCollaborations: TeamBoundaries['expiredCollaborations'] = [];
    for (const interaction of teamApi.interactions) {
      if (!snapshot.has(interaction.teamRef)) {
        problems.push({
          type: 'missing-interaction-team',
          entityRef: group.ref,
          refs: [interaction.teamRef],
          message: `Declares a ${interaction.mode} interaction with ${interaction.teamRef}, which is not in the catalog`,
        });
      }
      if (
        interaction.mode === 'collaboration' &&
        interaction.endsOn &&
        interaction.endsOn < today
      ) {
        expiredCollaborations.push({
          teamRef: interaction.teamRef,
          endsOn: interaction.endsOn,
        });
        problems.push({
          type: 'expired-collaboration',
          entityRef: group.ref,
          refs: [interaction.teamRef],
          message: `The collaboration with ${name(
            interaction.teamRef,
          )} ended on ${
            interaction.endsOn
          }: move to x-as-a-service or agree a new end date`,
        });
      }
    }
    const ownedEntities = owned.get(group.ref) ?? 0;
    teams.push({
      teamRef: group.ref,
      title: group.title,
      ...(group.parentGroupRef ? { parentRef: group.parentGroupRef } : {}),
      teamApi,
      expiredCollaborations,
      load: {
        ownedEntities,
        members,
        perMember: members
          ? Math.round((ownedEntities / members) * 10) / 10
          : null,
        inboundDependencies: inbound.get(group.ref) ?? 0,
        outboundDependencies: outbound.get(group.ref) ?? 0,
      },
    });
  }
  return { dependencies, problems, teams, gaps };
}

/**
 * Derived facts for guardrails: the boundary violations and contract gaps each entity causes.
 * Every analysed entity gets a value (0 when it has none), so the facts are never unknown.
 */
/** Whether an entity of this kind has boundary facts (others leave them unknown). */
export const hasBoundaryFacts = (kind: string) => OWNED_KINDS.has(kind);

export function boundaryFacts(
  snapshot: CatalogSnapshot,
  dependencies: CrossTeamDependency[],
): Map<string, Record<string, number>> {
  const facts = new Map<string, Record<string, number>>();
  for (const node of snapshot.values()) {
    if (hasBoundaryFacts(node.kind))
      facts.set(node.ref, {
        'boundaries.violations': 0,
        'boundaries.contractGaps': 0,
      });
  }
  for (const d of dependencies) {
    const f = facts.get(d.fromRef);
    if (!f) continue;
    if (d.health === 'violation') f['boundaries.violations']++;
    if (d.health === 'contract-gap') f['boundaries.contractGaps']++;
  }
  return facts;
}
