import { memo } from 'react';
import { Grid } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { autonomyApiRef } from '../../api/AutonomyApi';
import { HeatMap } from '../HeatMap';
import { NoGuardrailsConfigured } from '../shared/NoGuardrails';
import { LevelDistribution } from './LevelDistribution';
import { OrgTrend } from './OrgTrend';
import { ScorecardView } from './ScorecardView';

// These views do not depend on the scorecard filters; memoised, a filter change does not re-render
// them (the heat map alone is thousands of cells).
const OrgTrendOnce = memo(OrgTrend);
const LevelDistributionOnce = memo(LevelDistribution);
const HeatMapOnce = memo(HeatMap);

/**
 * The Scorecards tab of the organisation view: every entity's scorecard, the organisation's trend
 * and levels, and the teams × guardrails heat map; before any guardrail is configured, what to add.
 */
export const ScorecardsContent = () => {
  const api = useApi(autonomyApiRef);
  const guardrails = useAsync(() => api.getGuardrails(), [api]);
  if (guardrails.value?.guardrails.length === 0) {
    return (
      <InfoCard title="Scorecards">
        <NoGuardrailsConfigured />
      </InfoCard>
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ScorecardView />
      </Grid>
      <Grid item xs={12} md={8}>
        <OrgTrendOnce />
      </Grid>
      <Grid item xs={12} md={4}>
        <LevelDistributionOnce />
      </Grid>
      <Grid item xs={12}>
        <HeatMapOnce />
      </Grid>
    </Grid>
  );
};
