import { Typography, makeStyles } from '@material-ui/core';
import type { Theme } from '@material-ui/core';
import { HealthLabel } from '../shared/HealthLabel';
import { HEALTHS, HEALTH_MEANINGS } from '../shared/boundaryWords';

const useStyles = makeStyles((theme: Theme) => ({
  list: {
    listStyle: 'none',
    margin: theme.spacing(1, 0, 0),
    padding: 0,
    display: 'grid',
    gap: theme.spacing(0.5),
  },
}));

/** What the boxes, arrows and counts of the map mean. */
export const BoundaryLegend = () => {
  const classes = useStyles();
  return (
    <section aria-label="Legend">
      <Typography variant="overline" component="h3">
        Legend
      </Typography>
      <Typography variant="body2">
        Each box is a team, with its type and how many entities it owns. An
        arrow points from a team to a team it depends on, labelled with how many
        of those dependencies are in each state. A label that says
        &ldquo;violation&rdquo; is also shown in bold.
      </Typography>
      <ul className={classes.list}>
        {HEALTHS.map(health => (
          <li key={health}>
            <Typography variant="body2" component="span">
              <HealthLabel health={health} />: {HEALTH_MEANINGS[health]}
            </Typography>
          </li>
        ))}
      </ul>
    </section>
  );
};
