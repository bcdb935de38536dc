import { Box, Typography } from '@material-ui/core';
import { StaleChip } from '../shared/StaleChip';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { MissionSummary } from '@aligned-autonomy/plugin-autonomy-common';

export interface TreeNode {
  mission: MissionSummary;
  children: TreeNode[];
}

/**
 * Builds the forest of missions from parent refs. With a department filter, a mission is kept
 * when it or any descendant belongs to the department, so the path to the north star stays.
 */
export function buildMissionForest(
  missions: MissionSummary[],
  departmentRef?: string,
): TreeNode[] {
  const nodes = new Map(
    missions.map(m => [m.ref, { mission: m, children: [] as TreeNode[] }]),
  );
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.mission.parentRef
      ? nodes.get(node.mission.parentRef)
      : undefined;
    // A mission whose parent is missing, or that is its own parent, is shown as a root.
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const byTitle = (a: TreeNode, b: TreeNode) =>
    a.mission.title.localeCompare(b.mission.title);
  const keep = (node: TreeNode, seen: Set<string>): TreeNode | undefined => {
    if (seen.has(node.mission.ref)) return undefined;
    seen.add(node.mission.ref);
    const children = node.children
      .map(child => keep(child, seen))
      .filter((c): c is TreeNode => !!c)
      .sort(byTitle);
    const matches =
      !departmentRef || node.mission.departmentRef === departmentRef;
    return matches || children.length > 0
      ? { mission: node.mission, children }
      : undefined;
  };
  const seen = new Set<string>();
  const forest = roots
    .sort(byTitle)
    .map(r => keep(r, seen))
    .filter((r): r is TreeNode => !!r);
  // Missions in a parent cycle are reachable from no root: show each cycle from its first
  // mission (by ref) so they never silently disappear from the tree.
  for (const node of [...nodes.values()].sort((a, b) =>
    a.mission.ref.localeCompare(b.mission.ref),
  )) {
    if (seen.has(node.mission.ref)) continue;
    const kept = keep(node, seen);
    if (kept) forest.push(kept);
  }
  return forest;
}

const MissionTreeItem = ({
  node,
  depth,
}: {
  node: TreeNode;
  depth: number;
}) => (
  <li>
    <Box
      pl={depth === 0 ? 0 : 3}
      py={0.5}
      borderLeft={depth === 0 ? 0 : 1}
      borderColor="divider"
    >
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Typography variant={depth === 0 ? 'h6' : 'subtitle1'} component="span">
          <EntityRefLink
            entityRef={node.mission.ref}
            title={node.mission.title}
          />
        </Typography>
        <Typography variant="body2" color="textSecondary" component="span">
          owned by <EntityRefLink entityRef={node.mission.ownerRef} />
        </Typography>
        <StaleChip mission={node.mission} />
      </Box>
      {node.children.length > 0 && (
        <ul style={{ listStyle: 'none', margin: 0, paddingLeft: 8 }}>
          {node.children.map(child => (
            <MissionTreeItem
              key={child.mission.ref}
              node={child}
              depth={depth + 1}
            />
          ))}
        </ul>
      )}
    </Box>
  </li>
);

export const MissionTree = ({ forest }: { forest: TreeNode[] }) => (
  <ul
    aria-label="Mission tree"
    style={{ listStyle: 'none', margin: 0, padding: 0 }}
  >
    {forest.map(node => (
      <MissionTreeItem key={node.mission.ref} node={node} depth={0} />
    ))}
  </ul>
);
