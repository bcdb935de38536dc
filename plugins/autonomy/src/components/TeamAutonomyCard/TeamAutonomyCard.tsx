import { Typography } from '@material-ui/core';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';
import { autonomyApiRef } from '../../api/AutonomyApi';
import { isNotFound } from '../shared/isNotFound';
import { NotAnalysedYet } from '../shared/NotAnalysedYet';
import { TeamAutonomyView } from './TeamAutonomyView';

/**
 * A team's earned autonomy for group pages: its level, the decisions it takes alone and those
 * that need review, what would widen it, and the record and load behind it.
 * @public
 */
export const TeamAutonomyCard = () => {
  const { entity } = useEntity();
  const api = useApi(autonomyApiRef);
  const team = getCompoundEntityRef(entity);
  const deps = [api, team.kind, team.namespace, team.name];
  const autonomy = useAsync(() => api.getTeamAutonomy(team), deps);
  // Only adds the expired collaborations: its failure must not hide the autonomy.
  const boundaries = useAsync(() => api.getTeamBoundaries(team), deps);

  let content = null;
  if (autonomy.value) {
    content = (
      <>
        {boundaries.error && !isNotFound(boundaries.error) && (
          <Typography variant="caption" color="error" component="p">
            Error: collaborations could not be checked (
            {boundaries.error.message})
          </Typography>
        )}
        <TeamAutonomyView
          autonomy={autonomy.value}
          boundaries={boundaries.value}
        />
      </>
    );
  } else if (autonomy.error && isNotFound(autonomy.error)) {
    content = (
      <NotAnalysedYet>
        This team's autonomy has not been worked out yet. It appears after the
        next analysis of the catalog and its guardrails.
      </NotAnalysedYet>
    );
  } else if (autonomy.error) {
    content = <ResponseErrorPanel error={autonomy.error} />;
  }
  return (
    <InfoCard
      title="Team autonomy"
      subheader="Autonomy earned through accountability, and how to widen it"
    >
      {autonomy.loading && <Progress />}
      {content}
    </InfoCard>
  );
};
