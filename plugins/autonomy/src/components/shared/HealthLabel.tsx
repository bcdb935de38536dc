import type { ComponentType } from 'react';
import { useTheme } from '@material-ui/core';
import type { SvgIconProps } from '@material-ui/core/SvgIcon';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import BlockIcon from '@material-ui/icons/Block';
import type { DependencyHealth } from '@aligned-autonomy/plugin-autonomy-common';
import { HEALTH_LABELS } from './boundaryWords';
import { IconLabel } from './IconLabel';

export const HEALTH_ICONS: Record<
  DependencyHealth,
  ComponentType<SvgIconProps>
> = {
  healthy: CheckCircleIcon,
  'contract-gap': ReportProblemIcon,
  violation: BlockIcon,
};

/** A dependency's health as an icon and a word: the colour only repeats what the text says. */
export const HealthLabel = ({ health }: { health: DependencyHealth }) => {
  const theme = useTheme();
  const colors: Record<DependencyHealth, string> = {
    healthy: theme.palette.success.main,
    'contract-gap': theme.palette.warning.main,
    violation: theme.palette.error.main,
  };
  return (
    <IconLabel
      icon={HEALTH_ICONS[health]}
      label={HEALTH_LABELS[health]}
      color={colors[health]}
      data={{ health }}
    />
  );
};
