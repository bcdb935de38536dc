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
 * on, labelled with counts per health). Edges to a team missing from `teams` still get a node,
 * named after the ref; self-edges and empty edges are dropped.
 */
export function buildBoundaryGraph(map: BoundaryMapResponse): {
  nodes: TeamNode[];
  edges: TeamEdge[];
} {
  const nodes = new Map<string, TeamNode>();
  for (const team of map.teams) {
    const type = teamTypeLabel(team.teamType);
    nodes.set(team.teamRef, {
      id: team.teamRef,
      title: team.title || refName(team.teamRef),
      detail: [type, plural(team.ownedEntities, 'entity', 'entities')]
        .filter(Boolean)
        .join(' · '),
    });
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
  return { nodes: [...nodes.values()], edges };
}
