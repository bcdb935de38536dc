import type { ComponentType } from 'react';
import { Typography, makeStyles } from '@material-ui/core';
import type { SvgIconProps } from '@material-ui/core/SvgIcon';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
  icon: { fontSize: '1.1rem' },
}));

/**
 * An icon and a word for a state (a guardrail result, a dependency's health…). The colour only
 * repeats what the word says, so nothing is carried by colour alone.
 */
export const IconLabel = ({
  icon: Icon,
  label,
  color,
  data,
}: {
  icon: ComponentType<SvgIconProps>;
  label: string;
  color?: string;
  /** A data attribute for tests and styling hooks, e.g. `{ state: 'fail' }`. */
  data?: Record<string, string>;
}) => {
  const classes = useStyles();
  const dataAttributes = Object.fromEntries(
    Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, v]),
  );
  return (
    <Typography component="span" variant="body2" className={classes.root}>
      <Icon
        aria-hidden
        className={classes.icon}
        style={color ? { color } : undefined}
        {...dataAttributes}
      />
      {label}
    </Typography>
  );
};
