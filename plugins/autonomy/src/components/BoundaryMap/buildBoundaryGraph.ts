import { parseEntityRef } from '@backstage/catalog-model';
import type { DependencyGraphTypes } from '@backstage/core-components';
import type {
  BoundaryMapResponse,
  TeamType,
} from '@aligned-autonomy/plugin-autonomy-common';
import { plural, TEAM_TYPE_LABELS } from '../shared/boundaryWords';

export interface TeamNodeData {
  title: string;
  /** Team type and owned entities in words, e.g. "Platform · 12 entities". */
  detail: string;
  /** The team's department (its parent group), by title. */
  department?: string;
}

export type BoundaryEdgeCounts = Pick<
  BoundaryMapResponse['edges'][number],
  'healthy' | 'contractGap' | 'violation'
>;

export interface TeamEdgeData extends BoundaryEdgeCounts {
  hasViolation: boolean;
}

export type TeamNode = DependencyGraphTypes.DependencyNode<TeamNodeData>;
export type TeamEdge = DependencyGraphTypes.DependencyEdge<TeamEdgeData>;

const refName = (ref: string) => {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
};

const teamTypeLabel = (teamType?: string) =>
  teamType && teamType in TEAM_TYPE_LABELS
    ? TEAM_TYPE_LABELS[teamType as TeamType]
    : teamType;

/** "2 healthy · 1 contract gap · 1 violation": every non-zero count, the word always present. */
export function edgeLabel(counts: BoundaryEdgeCounts): string {
  const parts: string[] = [];
  if (counts.healthy) parts.push(`${counts.healthy} healthy`);
  if (counts.contractGap)
    parts.push(plural(counts.contractGap, 'contract gap'));
  if (counts.violation) parts.push(plural(counts.violation, 'violation'));
  return parts.join(' · ');
}

/**
 * The boundary map as graph nodes (teams, labelled by name) and edges (team → team it depends
 * on, labelled with counts per health). Only teams on an edge are drawn: on a real catalog most
 * teams have no cross-team dependency, and one box per such team would push the edges out of
 * sight; they come back as `unconnected`, to be summarised. Edges to a team missing from `teams`
 * still get a node, named after the ref; self-edges and empty edges are dropped.
 */
export function buildBoundaryGraph(map: BoundaryMapResponse): {
  nodes: TeamNode[];
  edges: TeamEdge[];
  unconnected: TeamNode[];
} {
  const nodes = new Map<string, TeamNode>();
  for (const team of map.teams) {
    const type = teamTypeLabel(team.teamType);
    const node: TeamNode = {
      id: team.teamRef,
      title: team.title || refName(team.teamRef),
      detail: [type, plural(team.ownedEntities, 'entity', 'entities')]
        .filter(Boolean)
        .join(' · '),
    };
    if (team.department)
      node.department = team.department.title || refName(team.department.ref);
    nodes.set(team.teamRef, node);
  }
  const edges: TeamEdge[] = [];
  for (const e of map.edges) {
    if (e.fromTeamRef === e.toTeamRef) continue;
    if (e.healthy + e.contractGap + e.violation === 0) continue;
    for (const ref of [e.fromTeamRef, e.toTeamRef]) {
      if (!nodes.has(ref)) {
        nodes.set(ref, {
          id: ref,
          title: refName(ref),
          detail: 'not analysed',
        });
      }
    }
    edges.push({
      from: e.fromTeamRef,
      to: e.toTeamRef,
      label: edgeLabel(e),
      healthy: e.healthy,
      contractGap: e.contractGap,
      violation: e.violation,
      hasViolation: e.violation > 0,
    });
  }
  const connected = new Set(edges.flatMap(e => [e.from, e.to]));
  const all = [...nodes.values()];
  return {
    nodes: all.filter(n => connected.has(n.id)),
    edges,
    unconnected: all.filter(n => !connected.has(n.id)),
  };
}

/** Teams by department, departments by title, teams without one last; teams by title. */
export function groupByDepartment(
  teams: TeamNode[],
): { department?: string; teams: TeamNode[] }[] {
  const groups = new Map<string | undefined, TeamNode[]>();
  for (const team of teams) {
    const list = groups.get(team.department) ?? [];
    list.push(team);
    groups.set(team.department, list);
  }
  const byTitle = (a: string, b: string) =>
    a.localeCompare(b, 'en', { sensitivity: 'base' });
  return [...groups.entries()]
    .sort(([a], [b]) => {
      if (a === b) return 0;
      if (a === undefined) return 1;
      if (b === undefined) return -1;
      return byTitle(a, b);
    })
    .map(([department, list]) => ({
      department,
      teams: list.sort((a, b) => byTitle(a.title, b.title)),
    }));
}
