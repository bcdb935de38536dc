import { Box, Chip, Typography, makeStyles } from '@material-ui/core';
import type { Theme } from '@material-ui/core';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import type { FactObservation } from '@aligned-autonomy/plugin-autonomy-common';
import { timeAgo } from './dates';
import { formatFactValue } from './format';

const SOURCE_TEXT: Record<FactObservation['source'], string> = {
  catalog: 'from the catalog',
  pushed: 'pushed',
  provider: 'from a fact provider',
};

const useStyles = makeStyles((theme: Theme) => ({
  list: { margin: 0, paddingLeft: theme.spacing(2.5) },
  item: { marginBottom: theme.spacing(0.5) },
  value: { fontFamily: 'monospace', wordBreak: 'break-word' },
}));

const FactItem = ({ fact, now }: { fact: FactObservation; now: number }) => {
  const classes = useStyles();
  const missing = fact.value === null || fact.value === undefined;
  return (
    <li className={classes.item}>
      <Typography variant="body2" component="span">
        <strong>{fact.id}</strong>:{' '}
        <span className={classes.value}>{formatFactValue(fact.value)}</span>
        {' · '}
        {SOURCE_TEXT[fact.source]}
        {fact.observedAt && (
          <>
            {', observed '}
            <time dateTime={fact.observedAt} title={fact.observedAt}>
              {timeAgo(fact.observedAt, now)}
            </time>
          </>
        )}
      </Typography>
      {fact.unknown && (
        <Box component="span" ml={1}>
          <Chip
            size="small"
            variant="outlined"
            icon={<HelpOutlineIcon aria-hidden />}
            label={missing ? 'Unknown: missing' : 'Unknown: stale'}
          />
        </Box>
      )}
    </li>
  );
};

/** The facts a rule saw: their values, where they came from, how old they are. */
export const FactList = ({
  facts,
  now = Date.now(),
}: {
  facts: FactObservation[];
  now?: number;
}) => {
  const classes = useStyles();
  if (facts.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No facts recorded for this result.
      </Typography>
    );
  }
  return (
    <ul className={classes.list} aria-label="Facts">
      {facts.map(fact => (
        <FactItem key={fact.id} fact={fact} now={now} />
      ))}
    </ul>
  );
};
