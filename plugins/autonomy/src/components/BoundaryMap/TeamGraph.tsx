import { makeStyles } from '@material-ui/core';
import type { Theme } from '@material-ui/core';
import {
  DependencyGraph,
  DependencyGraphTypes,
} from '@backstage/core-components';
import type {
  TeamEdge,
  TeamEdgeData,
  TeamNode,
  TeamNodeData,
} from './buildBoundaryGraph';

const useStyles = makeStyles((theme: Theme) => ({
  box: {
    fill: theme.palette.background.paper,
    stroke: theme.palette.primary.main,
    strokeWidth: 1.5,
  },
  title: {
    fill: theme.palette.text.primary,
    fontSize: 14,
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  detail: { fill: theme.palette.text.secondary, fontSize: 11 },
  label: { fill: theme.palette.text.primary, fontSize: 12 },
  violation: {
    fill: theme.palette.error.main,
    fontSize: 12,
    fontWeight: theme.typography.fontWeightBold as number,
  },
}));

/** SVG text cannot be measured before layout in every browser (or jsdom): estimate the box. */
const nodeHeight = (node: TeamNodeData) => (node.department ? 62 : 46);
const nodeWidth = (node: TeamNodeData) =>
  Math.max(
    node.title.length * 8.5,
    node.detail.length * 6.5,
    (node.department?.length ?? 0) * 6.5,
    80,
  ) + 24;

/** A team: its name, type and size, and its department when it has one. */
const TeamBox = ({
  node,
}: DependencyGraphTypes.RenderNodeProps<TeamNodeData>) => {
  const classes = useStyles();
  const width = nodeWidth(node);
  return (
    <g>
      <rect
        className={classes.box}
        width={width}
        height={nodeHeight(node)}
        rx={8}
      />
      <text className={classes.title} x={width / 2} y={19} textAnchor="middle">
        {node.title}
      </text>
      <text className={classes.detail} x={width / 2} y={36} textAnchor="middle">
        {node.detail}
      </text>
      {node.department && (
        <text
          className={classes.detail}
          x={width / 2}
          y={52}
          textAnchor="middle"
        >
          {node.department}
        </text>
      )}
    </g>
  );
};

/** Violation labels are bold as well as red, and always say "violation". */
const CountsLabel = ({
  edge,
}: DependencyGraphTypes.RenderLabelProps<TeamEdgeData>) => {
  const classes = useStyles();
  return (
    <text
      className={edge.hasViolation ? classes.violation : classes.label}
      textAnchor="middle"
      data-violation={edge.hasViolation || undefined}
    >
      {edge.label}
    </text>
  );
};

/** Teams as boxes, arrows from the team that depends to the team it depends on. */
export const TeamGraph = ({
  nodes,
  edges,
}: {
  nodes: TeamNode[];
  edges: TeamEdge[];
}) => (
  <DependencyGraph<TeamNodeData, TeamEdgeData>
    nodes={nodes}
    edges={edges}
    renderNode={TeamBox}
    renderLabel={CountsLabel}
    direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
    labelPosition={DependencyGraphTypes.LabelPosition.CENTER}
    showArrowHeads
    zoom="enable-on-click"
    rankMargin={120}
    nodeMargin={40}
    paddingX={16}
    paddingY={16}
    role="img"
    aria-label={`Boundary map: ${nodes.length} teams and ${edges.length} team-to-team dependencies, listed in the table below`}
  />
);
