import type { ReactNode } from 'react';
import { Box, Typography, makeStyles } from '@material-ui/core';
import type { Theme } from '@material-ui/core';
import {
  GUARDRAIL_STATES,
  type EntityScorecardResponse,
  type GuardrailDefinition,
  type GuardrailState,
} from '@aligned-autonomy/plugin-autonomy-common';
import { GuardrailHalves, scorecardHalf } from '../GuardrailHalves';
import { LevelBadge } from './LevelBadge';
import { Sparkline } from './Sparkline';
import { StateLabel } from './StateLabel';
import { formatLevel, plural } from './format';

const useStyles = makeStyles((theme: Theme) => ({
  figures: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(4),
  },
  counts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 2),
    listStyle: 'none',
    margin: theme.spacing(1.5, 0, 0),
    padding: 0,
  },
}));

const Figure = ({
  label,
  children,
}: {
  label: string;
  children: ReactNode;
}) => (
  <div>
    <Typography variant="overline" component="p" color="textSecondary">
      {label}
    </Typography>
    {children}
  </div>
);

/** States that hold an entity back from a level, as the backend decides it. */
const BLOCKING: GuardrailState[] = ['fail', 'unknown'];

function NextLevel({
  scorecard,
  definitions,
}: {
  scorecard: EntityScorecardResponse;
  definitions: Map<string, GuardrailDefinition>;
}) {
  const next = scorecard.nextLevel;
  if (!next) {
    return scorecard.level ? (
      <Typography variant="body2">
        Highest level reached: no guardrail for this entity sits higher.
      </Typography>
    ) : null;
  }
  const blocking = next.blockingGuardrailIds;
  const titles = blocking.map(id => definitions.get(id)?.title ?? id);
  const states = new Map(scorecard.results.map(r => [r.guardrailId, r.state]));
  // Nothing failing: the level waits for one of its own guardrails to pass (warnings, errors).
  const onlyUnmet = blocking.every(id => !BLOCKING.includes(states.get(id)!));
  let why = '';
  if (blocking.length && onlyUnmet)
    why = ` — needs one of its guardrails to pass: ${titles.join(', ')}`;
  else if (blocking.length)
    why = ` — ${plural(blocking.length, 'guardrail')} ${
      blocking.length === 1 ? 'blocks' : 'block'
    } it: ${titles.join(', ')}`;
  return (
    <Typography variant="body2">
      Next level: <strong>{formatLevel(next.level)}</strong>
      {why}
    </Typography>
  );
}

/** How a level and a score are decided, in the words the backend's level rule uses. */
export const LEVEL_RULE =
  'A level is reached when at least one of its guardrails passes (or is exempt) and no guardrail at it or below fails or is unknown; levels with no guardrail for this entity are skipped. The score is the weighted share of guardrails met; warnings lower it without blocking a level.';

/** Level, score, trend, what stands before the next level, and how many guardrails are in each state. */
export const ScorecardSummary = ({
  scorecard,
  definitions,
}: {
  scorecard: EntityScorecardResponse;
  definitions: Map<string, GuardrailDefinition>;
}) => {
  const classes = useStyles();
  const scoredDays = scorecard.trend.filter(p => p.score !== null).length;
  return (
    <Box mb={2}>
      <div className={classes.figures}>
        <Figure label="Level">
          <LevelBadge level={scorecard.level} />
        </Figure>
        <Figure label="Score">
          <Typography variant="h5" component="p">
            {scorecard.score === null
              ? 'No score yet'
              : `${Math.round(scorecard.score)} / 100`}
          </Typography>
        </Figure>
        {scoredDays >= 2 && (
          <Figure label="Trend">
            <Sparkline points={scorecard.trend} />
          </Figure>
        )}
      </div>
      {scorecard.aligned && scorecard.autonomous && (
        <Box mt={1.5}>
          <GuardrailHalves
            aligned={scorecardHalf(scorecard.aligned)}
            autonomous={scorecardHalf(scorecard.autonomous)}
          />
        </Box>
      )}
      <Box mt={1.5}>
        <NextLevel scorecard={scorecard} definitions={definitions} />
        <Typography variant="caption" color="textSecondary" component="p">
          {LEVEL_RULE}
        </Typography>
      </Box>
      <ul className={classes.counts} aria-label="Guardrails by state">
        {GUARDRAIL_STATES.filter(s => scorecard.counts[s] > 0).map(state => (
          <li key={state}>
            <StateLabel state={state} />:{' '}
            <strong>{scorecard.counts[state]}</strong>
          </li>
        ))}
      </ul>
    </Box>
  );
};
