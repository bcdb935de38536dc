import { Grid } from '@material-ui/core';
import { MissionCard } from '../MissionCard';

/**
 * The "Autonomy" tab of component, system, API and group pages.
 * @public
 */
export const EntityAutonomyContent = () => (
  <Grid container spacing={3}>
    <Grid item xs={12} md={8}>
      <MissionCard />
    </Grid>
  </Grid>
);
