import type { ReactNode } from 'react';
import { Typography, makeStyles } from '@material-ui/core';
import type { Theme } from '@material-ui/core';

const useStyles = makeStyles((theme: Theme) => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: theme.spacing(0.25, 2),
    margin: 0,
  },
  term: { color: theme.palette.text.secondary },
  value: { margin: 0 },
}));

/** Labelled figures as a description list: each label next to its value. */
export const Figures = ({
  label,
  items,
}: {
  label: string;
  items: [string, ReactNode][];
}) => {
  const classes = useStyles();
  return (
    <Typography
      variant="body2"
      component="dl"
      aria-label={label}
      className={classes.list}
    >
      {items.map(([term, value]) => (
        <div key={term} style={{ display: 'contents' }}>
          <dt className={classes.term}>{term}</dt>
          <dd className={classes.value}>{value}</dd>
        </div>
      ))}
    </Typography>
  );
};
