import type { ComponentType } from 'react';
import { Typography, makeStyles } from '@material-ui/core';
import type { Theme } from '@material-ui/core';
import type { SvgIconProps } from '@material-ui/core/SvgIcon';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import CancelIcon from '@material-ui/icons/Cancel';
import WarningIcon from '@material-ui/icons/Warning';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import type { GuardrailState } from '@aligned-autonomy/plugin-autonomy-common';

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

const useStyles = makeStyles((theme: Theme) => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
  icon: { fontSize: '1.1rem' },
  pass: { color: theme.palette.success.main },
  fail: { color: theme.palette.error.main },
  warning: { color: theme.palette.warning.main },
  exempt: { color: theme.palette.info.main },
  unknown: { color: theme.palette.text.secondary },
  error: { color: theme.palette.error.dark },
  'not-applicable': { color: theme.palette.text.disabled },
}));

/** A guardrail state as an icon and a word: the colour only repeats what the text says. */
export const StateLabel = ({ state }: { state: GuardrailState }) => {
  const classes = useStyles();
  const Icon = ICONS[state];
  return (
    <Typography component="span" variant="body2" className={classes.root}>
      <Icon
        aria-hidden
        className={`${classes.icon} ${classes[state]}`}
        data-state={state}
      />
      {STATE_LABELS[state]}
    </Typography>
  );
};
