import { Grid } from '@material-ui/core';
import { MissionCard } from '../MissionCard';
import { GuardrailScorecardCard } from '../GuardrailScorecard';

/**
 * The "Autonomy" tab of component, system, API and group pages.
 * @public
 */
export const EntityAutonomyContent = () => (
  <Grid container spacing={3}>
    <Grid item xs={12} md={6}>
      <MissionCard />
    </Grid>
    <Grid item xs={12} md={6}>
      <GuardrailScorecardCard />
    </Grid>
  </Grid>
);
