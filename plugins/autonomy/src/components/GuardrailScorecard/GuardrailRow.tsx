import { useId, useState } from 'react';
import {
  Box,
  Button,
  ButtonBase,
  Collapse,
  Typography,
  makeStyles,
} from '@material-ui/core';
import type { Theme } from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type {
  Exemption,
  GuardrailDefinition,
  GuardrailResult,
  GuardrailState,
} from '@aligned-autonomy/plugin-autonomy-common';
import { StateLabel } from './StateLabel';
import { GuardrailDetails } from './GuardrailDetails';
import { formatLevel } from './format';

/** States an owner may ask to be exempted from. */
export const EXEMPTIBLE_STATES: GuardrailState[] = [
  'fail',
  'warning',
  'unknown',
];

const useStyles = makeStyles((theme: Theme) => ({
  row: { borderTop: `1px solid ${theme.palette.divider}`, listStyle: 'none' },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  toggle: {
    flex: '1 1 16rem',
    minWidth: 0,
    justifyContent: 'flex-start',
    textAlign: 'left',
    padding: theme.spacing(1, 0.5),
    gap: theme.spacing(1.5),
    borderRadius: theme.shape.borderRadius,
    '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}` },
  },
  expandIcon: { transition: 'transform 150ms' },
  expanded: { transform: 'rotate(180deg)' },
  state: { minWidth: '8em', flexShrink: 0 },
  title: { flex: 1, minWidth: 0 },
}));

/** One guardrail: its state in words, title and level; expands to show why and what to do. */
export const GuardrailRow = ({
  result,
  definition,
  exemption,
  onRequestExemption,
}: {
  result: GuardrailResult;
  definition?: GuardrailDefinition;
  exemption?: Exemption;
  onRequestExemption?: () => void;
}) => {
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  const title = definition?.title ?? result.guardrailId;
  const detailsId = `${useId()}-details`;
  const canRequest =
    onRequestExemption && EXEMPTIBLE_STATES.includes(result.state);
  return (
    <li className={classes.row}>
      <div className={classes.header}>
        <ButtonBase
          className={classes.toggle}
          aria-expanded={open}
          aria-controls={detailsId}
          onClick={() => setOpen(o => !o)}
        >
          <ExpandMoreIcon
            aria-hidden
            className={`${classes.expandIcon} ${open ? classes.expanded : ''}`}
          />
          <span className={classes.state}>
            <StateLabel state={result.state} />
          </span>
          <span className={classes.title}>
            <Typography variant="body2" component="span" display="block">
              {title}
            </Typography>
            {definition?.level && (
              <Typography
                variant="caption"
                component="span"
                color="textSecondary"
                display="block"
              >
                Level {formatLevel(definition.level)}
              </Typography>
            )}
          </span>
        </ButtonBase>
        {canRequest && (
          <Box flexShrink={0} ml="auto">
            <Button
              size="small"
              variant="outlined"
              aria-label={`Request exemption for ${title}`}
              onClick={onRequestExemption}
            >
              Request exemption
            </Button>
          </Box>
        )}
      </div>
      <Collapse in={open} unmountOnExit>
        <div id={detailsId} role="region" aria-label={`${title}: details`}>
          <GuardrailDetails
            result={result}
            definition={definition}
            exemption={exemption}
          />
        </div>
      </Collapse>
    </li>
  );
};
