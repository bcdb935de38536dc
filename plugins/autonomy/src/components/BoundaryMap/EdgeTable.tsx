import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import type { TeamEdge, TeamNode } from './buildBoundaryGraph';

/** The map's edges as a table: the same facts for screen readers and for reading exact counts. */
export const EdgeTable = ({
  nodes,
  edges,
}: {
  nodes: TeamNode[];
  edges: TeamEdge[];
}) => {
  const title = new Map(nodes.map(n => [n.id, n.title]));
  const sorted = [...edges].sort(
    (a, b) => b.violation - a.violation || b.contractGap - a.contractGap,
  );
  return (
    <Table size="small" aria-label="Dependencies between teams">
      <TableHead>
        <TableRow>
          <TableCell>From team</TableCell>
          <TableCell>Depends on team</TableCell>
          <TableCell align="right">Healthy</TableCell>
          <TableCell align="right">Contract gaps</TableCell>
          <TableCell align="right">Violations</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {sorted.map(e => (
          <TableRow key={`${e.from}>${e.to}`}>
            <TableCell>{title.get(e.from)}</TableCell>
            <TableCell>{title.get(e.to)}</TableCell>
            <TableCell align="right">{e.healthy}</TableCell>
            <TableCell align="right">{e.contractGap}</TableCell>
            <TableCell align="right">
              {e.violation > 0 ? <strong>{e.violation}</strong> : 0}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
