import { Grid } from '@material-ui/core';
import { HeatMap } from '../HeatMap';
import { LevelDistribution } from './LevelDistribution';
import { OrgTrend } from './OrgTrend';
import { ScorecardView } from './ScorecardView';

/**
 * The Scorecards tab of the organisation view: every entity's scorecard, the organisation's trend
 * and levels, and the teams × guardrails heat map.
 */
export const ScorecardsContent = () => (
  <Grid container spacing={3}>
    <Grid item xs={12}>
      <ScorecardView />
    </Grid>
    <Grid item xs={12} md={8}>
      <OrgTrend />
    </Grid>
    <Grid item xs={12} md={4}>
      <LevelDistribution />
    </Grid>
    <Grid item xs={12}>
      <HeatMap />
    </Grid>
  </Grid>
);
