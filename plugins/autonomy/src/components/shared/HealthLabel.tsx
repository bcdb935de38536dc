import type { ComponentType } from 'react';
import { Typography, makeStyles } from '@material-ui/core';
import type { Theme } from '@material-ui/core';
import type { SvgIconProps } from '@material-ui/core/SvgIcon';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import BlockIcon from '@material-ui/icons/Block';
import type { DependencyHealth } from '@aligned-autonomy/plugin-autonomy-common';
import { HEALTH_LABELS } from './boundaryWords';

export const HEALTH_ICONS: Record<
  DependencyHealth,
  ComponentType<SvgIconProps>
> = {
  healthy: CheckCircleIcon,
  'contract-gap': ReportProblemIcon,
  violation: BlockIcon,
};

const useStyles = makeStyles((theme: Theme) => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
  icon: { fontSize: '1.1rem' },
  healthy: { color: theme.palette.success.main },
  'contract-gap': { color: theme.palette.warning.main },
  violation: { color: theme.palette.error.main },
}));

/** A dependency's health as an icon and a word: the colour only repeats what the text says. */
export const HealthLabel = ({ health }: { health: DependencyHealth }) => {
  const classes = useStyles();
  const Icon = HEALTH_ICONS[health];
  return (
    <Typography component="span" variant="body2" className={classes.root}>
      <Icon
        aria-hidden
        className={`${classes.icon} ${classes[health]}`}
        data-health={health}
      />
      {HEALTH_LABELS[health]}
    </Typography>
  );
};
