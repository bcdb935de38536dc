import { Box, Typography, makeStyles } from '@material-ui/core';
import type { Theme } from '@material-ui/core';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  CrossTeamDependency,
  DependencyHealth,
} from '@aligned-autonomy/plugin-autonomy-common';
import { HealthLabel } from '../shared/HealthLabel';

/** Worst first: what needs fixing leads the list. */
const SEVERITY: Record<DependencyHealth, number> = {
  violation: 0,
  'contract-gap': 1,
  healthy: 2,
};

export const bySeverity = (a: CrossTeamDependency, b: CrossTeamDependency) =>
  SEVERITY[a.health] - SEVERITY[b.health];

export const VIA_TEXT: Record<CrossTeamDependency['via'], string> = {
  api: 'via API',
  direct: 'direct',
};

const useStyles = makeStyles((theme: Theme) => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    borderTop: `1px solid ${theme.palette.divider}`,
    padding: theme.spacing(1, 0),
  },
  line: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5, 1.5),
  },
  state: { minWidth: '11em' },
}));

/** This entity's dependencies on other teams, each with its health in words and how to fix it. */
export const OutboundDependencies = ({
  entityRef,
  dependencies,
}: {
  entityRef: string;
  dependencies: CrossTeamDependency[];
}) => {
  const classes = useStyles();
  if (dependencies.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Depends on no other team.
      </Typography>
    );
  }
  return (
    <ul className={classes.list} aria-label="Dependencies on other teams">
      {[...dependencies].sort(bySeverity).map(d => (
        <li key={`${d.fromRef}>${d.toRef}`} className={classes.item}>
          <Typography variant="body2" component="div" className={classes.line}>
            <span className={classes.state}>
              <HealthLabel health={d.health} />
            </span>
            <span>
              <EntityRefLink entityRef={d.toRef} />
              {' of '}
              <EntityRefLink entityRef={d.toTeamRef} defaultKind="group" />
              {d.fromRef !== entityRef && (
                <>
                  {' · from '}
                  <EntityRefLink entityRef={d.fromRef} />
                </>
              )}
              {` · ${VIA_TEXT[d.via]}`}
            </span>
          </Typography>
          {d.health !== 'healthy' && d.fix && (
            <Box mt={0.5}>
              <Typography variant="body2" color="textSecondary">
                How to fix: {d.fix}
              </Typography>
            </Box>
          )}
        </li>
      ))}
    </ul>
  );
};
