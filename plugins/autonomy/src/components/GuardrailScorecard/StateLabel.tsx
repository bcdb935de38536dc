import type { ComponentType } from 'react';
import { useTheme } from '@material-ui/core';
import type { SvgIconProps } from '@material-ui/core/SvgIcon';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import CancelIcon from '@material-ui/icons/Cancel';
import WarningIcon from '@material-ui/icons/Warning';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import type { GuardrailState } from '@aligned-autonomy/plugin-autonomy-common';
import { IconLabel } from '../shared/IconLabel';

export const STATE_LABELS: Record<GuardrailState, string> = {
  pass: 'Pass',
  fail: 'Fail',
  warning: 'Warning',
  exempt: 'Exempt',
  unknown: 'Unknown',
  error: 'Error',
  'not-applicable': 'Not applicable',
};

const ICONS: Record<GuardrailState, ComponentType<SvgIconProps>> = {
  pass: CheckCircleIcon,
  fail: CancelIcon,
  warning: WarningIcon,
  exempt: VerifiedUserIcon,
  unknown: HelpOutlineIcon,
  error: ErrorOutlineIcon,
  'not-applicable': RemoveCircleOutlineIcon,
};

/** A guardrail state as an icon and a word: the colour only repeats what the text says. */
export const StateLabel = ({ state }: { state: GuardrailState }) => {
  const theme = useTheme();
  const colors: Record<GuardrailState, string> = {
    pass: theme.palette.success.main,
    fail: theme.palette.error.main,
    warning: theme.palette.warning.main,
    exempt: theme.palette.info.main,
    unknown: theme.palette.text.secondary,
    error: theme.palette.error.dark,
    'not-applicable': theme.palette.text.disabled,
  };
  return (
    <IconLabel
      icon={ICONS[state]}
      label={STATE_LABELS[state]}
      color={colors[state]}
      data={{ state }}
    />
  );
};
