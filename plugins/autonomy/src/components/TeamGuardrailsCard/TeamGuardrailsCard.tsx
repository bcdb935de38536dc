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
import { TeamGuardrailsView } from './TeamGuardrailsView';

/**
 * A team's guardrails for group pages: the aligned and autonomous halves, its own standards, its
 * opt-outs and its tightened thresholds.
 * @public
 */
export const TeamGuardrailsCard = () => {
  const { entity } = useEntity();
  const api = useApi(autonomyApiRef);
  const team = getCompoundEntityRef(entity);
  const guardrails = useAsync(
    () => api.getTeamGuardrails(team),
    [api, team.namespace, team.name],
  );
  let content = null;
  if (guardrails.value) {
    content = <TeamGuardrailsView guardrails={guardrails.value} />;
  } else if (guardrails.error && isNotFound(guardrails.error)) {
    content = (
      <NotAnalysedYet>
        This team's guardrails appear after the next analysis of the catalog.
      </NotAnalysedYet>
    );
  } else if (guardrails.error) {
    content = <ResponseErrorPanel error={guardrails.error} />;
  }
  return (
    <InfoCard
      title="Team guardrails"
      subheader="Aligned with the organisation, autonomous in how we work"
    >
      {guardrails.loading && <Progress />}
      {content}
    </InfoCard>
  );
};
