import { Box, Typography } from '@material-ui/core';
import { plural } from '../shared/boundaryWords';
import { groupByDepartment, type TeamNode } from './buildBoundaryGraph';

/**
 * Teams with no dependency across a team boundary, as a count and a list by department: on a real
 * catalog they are most teams, and drawing each as a box would bury the edges that matter.
 */
export const UnconnectedTeams = ({ teams }: { teams: TeamNode[] }) => {
  const groups = groupByDepartment(teams);
  const byDepartment = groups.some(g => g.department);
  return (
    <section aria-labelledby="unconnected-teams">
      <Typography variant="subtitle1" component="h3" id="unconnected-teams">
        {plural(teams.length, 'team')} without cross-team dependencies
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        Nothing they own depends on another team&apos;s work, and nothing of
        another team depends on theirs: they can change without waiting for
        anyone.
      </Typography>
      {groups.map(({ department, teams: members }) => (
        <Box key={department ?? ''} mb={1}>
          {byDepartment && (
            <Typography variant="body2" component="h4">
              <strong>{department ?? 'No department'}</strong> ({members.length}
              )
            </Typography>
          )}
          <Typography variant="body2" component="p">
            {members.map(t => t.title).join(', ')}
          </Typography>
        </Box>
      ))}
    </section>
  );
};
