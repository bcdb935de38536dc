import type { ReactNode } from 'react';
import { Grid, Typography, makeStyles } from '@material-ui/core';
import type { Theme } from '@material-ui/core';
import LockOpenIcon from '@material-ui/icons/LockOpen';
import PeopleIcon from '@material-ui/icons/People';
import type { DecisionScopeResult } from '@aligned-autonomy/plugin-autonomy-common';
import { SCOPE_LABELS } from '../shared/boundaryWords';

const useStyles = makeStyles((theme: Theme) => ({
  heading: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
  list: { margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(2.5) },
}));

const Column = ({
  title,
  icon,
  empty,
  children,
}: {
  title: string;
  icon: ReactNode;
  empty: string;
  children: ReactNode[];
}) => {
  const classes = useStyles();
  return (
    <Grid item xs={12} sm={6}>
      <Typography
        variant="subtitle2"
        component="h4"
        className={classes.heading}
      >
        {icon}
        {title}
      </Typography>
      {children.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {empty}
        </Typography>
      ) : (
        <Typography
          variant="body2"
          component="ul"
          aria-label={title}
          className={classes.list}
        >
          {children}
        </Typography>
      )}
    </Grid>
  );
};

/** The decisions the team takes alone next to those that still need a review, and which review. */
export const DecisionColumns = ({
  decisions,
}: {
  decisions: DecisionScopeResult[];
}) => {
  const local = decisions.filter(d => d.scope === 'local');
  const review = decisions.filter(d => d.scope !== 'local');
  return (
    <Grid container spacing={2}>
      <Column
        title="Decided by the team"
        icon={<LockOpenIcon aria-hidden fontSize="small" />}
        empty="None yet."
      >
        {local.map(d => (
          <li key={d.decisionId}>
            {d.title}
            {d.defaultScope !== 'local' &&
              ` (earned: normally ${SCOPE_LABELS[
                d.defaultScope
              ].toLocaleLowerCase('en-US')})`}
          </li>
        ))}
      </Column>
      <Column
        title="Needs review"
        icon={<PeopleIcon aria-hidden fontSize="small" />}
        empty="Nothing: the team decides all of these itself."
      >
        {review.map(d => (
          <li key={d.decisionId}>
            {d.title}: {SCOPE_LABELS[d.scope].toLocaleLowerCase('en-US')}
          </li>
        ))}
      </Column>
    </Grid>
  );
};
