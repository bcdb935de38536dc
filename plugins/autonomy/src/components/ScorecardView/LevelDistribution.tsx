import { Typography, makeStyles } from '@material-ui/core';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import type { Rollup } from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyApiRef } from '../../api/AutonomyApi';
import { formatScore, formatShare, plural } from '../GuardrailScorecard/format';
import { levelName, NO_LEVEL } from './levels';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    display: 'grid',
    gridTemplateColumns: '7rem 1fr 6.5rem',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 0),
  },
  track: {
    height: 10,
    borderRadius: 5,
    backgroundColor: theme.palette.action.hover,
    overflow: 'hidden',
  },
  fill: { height: '100%', backgroundColor: theme.palette.primary.main },
  none: { backgroundColor: theme.palette.text.disabled },
  count: { textAlign: 'right' },
}));

/**
 * How many entities reached each level, highest first, and how many none: bars with the
 * numbers next to them.
 */
export const LevelBars = ({ rollup }: { rollup: Rollup }) => {
  const classes = useStyles();
  // The backend lists levels lowest first, then `none`.
  const levels = Object.keys(rollup.levelCounts).filter(l => l !== NO_LEVEL);
  const rows = [...levels.reverse(), NO_LEVEL].map(level => ({
    level,
    count: rollup.levelCounts[level] ?? 0,
  }));
  const total = rollup.entityCount;
  return (
    <>
      <Typography variant="body2" gutterBottom>
        {plural(total, 'entity', 'entities')} · average score{' '}
        {formatScore(rollup.averageScore)}
      </Typography>
      <ul className={classes.list} aria-label="Entities per level">
        {rows.map(({ level, count }) => {
          const share = total ? count / total : 0;
          return (
            <li key={level} className={classes.item}>
              <Typography variant="body2" component="span">
                {levelName(level)}
              </Typography>
              <div className={classes.track} aria-hidden>
                <div
                  className={`${classes.fill} ${
                    level === NO_LEVEL ? classes.none : ''
                  }`}
                  style={{ width: formatShare(share) }}
                />
              </div>
              <Typography
                variant="body2"
                component="span"
                className={classes.count}
              >
                {count} ({formatShare(share)})
              </Typography>
            </li>
          );
        })}
      </ul>
    </>
  );
};

/** The organisation's level distribution, from its roll-up. */
export const LevelDistribution = () => {
  const api = useApi(autonomyApiRef);
  const { value, loading, error } = useAsync(
    () => api.getRollups('org'),
    [api],
  );
  const rollup = value?.items[0];
  return (
    <InfoCard
      variant="gridItem"
      title="Levels reached"
      subheader="Across the organisation"
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value &&
        (rollup ? (
          <LevelBars rollup={rollup} />
        ) : (
          <Typography variant="body2" color="textSecondary">
            Nothing has been evaluated yet.
          </Typography>
        ))}
    </InfoCard>
  );
};
