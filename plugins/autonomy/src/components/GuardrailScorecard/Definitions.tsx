import { Fragment, type ReactNode } from 'react';
import { Typography, makeStyles } from '@material-ui/core';
import type { Theme } from '@material-ui/core';

const useStyles = makeStyles((theme: Theme) => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.75),
    margin: 0,
  },
  term: { fontWeight: theme.typography.fontWeightMedium as number },
  definition: { margin: 0, whiteSpace: 'pre-line', wordBreak: 'break-word' },
}));

/** Terms and their definitions as a two-column `<dl>`; entries without a value are left out. */
export const Definitions = ({
  label,
  entries,
}: {
  label: string;
  entries: [term: string, value: ReactNode][];
}) => {
  const classes = useStyles();
  const shown = entries.filter(
    ([, value]) => value !== undefined && value !== null && value !== '',
  );
  if (shown.length === 0) return null;
  return (
    <dl className={classes.list} aria-label={label}>
      {shown.map(([term, value]) => (
        <Fragment key={term}>
          <Typography variant="body2" component="dt" className={classes.term}>
            {term}
          </Typography>
          <Typography
            variant="body2"
            component="dd"
            className={classes.definition}
          >
            {value}
          </Typography>
        </Fragment>
      ))}
    </dl>
  );
};
