import { useMemo } from 'react';
import { Typography } from '@material-ui/core';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type {
  EntityScorecardResponse,
  GuardrailsResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyApiRef } from '../../api/AutonomyApi';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { isNotFound } from '../shared/isNotFound';
import { NoScorecard } from '../shared/NoGuardrails';
import { ScorecardSummary } from './ScorecardSummary';
import { GuardrailList } from './GuardrailList';

const NotEvaluatedYet = () => (
  <>
    <Typography variant="subtitle1" component="h3">
      Not evaluated yet
    </Typography>
    <Typography variant="body2" color="textSecondary">
      The guardrails have not been evaluated for this entity yet. Results appear
      after the next evaluation run.
    </Typography>
  </>
);

export const GuardrailScorecardView = ({
  scorecard,
  guardrails,
  onChanged,
}: {
  scorecard: EntityScorecardResponse;
  guardrails: GuardrailsResponse;
  onChanged: () => void;
}) => {
  const definitions = useMemo(
    () => new Map(guardrails.guardrails.map(g => [g.id, g])),
    [guardrails],
  );
  const anyApplicable = scorecard.results.some(
    r => r.state !== 'not-applicable',
  );
  return (
    <>
      {anyApplicable && (
        <ScorecardSummary scorecard={scorecard} definitions={definitions} />
      )}
      <GuardrailList
        scorecard={scorecard}
        definitions={definitions}
        onChanged={onChanged}
      />
      <EvaluatedAt at={scorecard.evaluatedAt} />
    </>
  );
};

/**
 * The entity's guardrail scorecard: level, score and trend, and every guardrail with why it
 * matters, the facts behind its state, and a way to ask for an exemption.
 * @public
 */
export const GuardrailScorecardCard = () => {
  const { entity } = useEntity();
  const api = useApi(autonomyApiRef);
  const entityRef = getCompoundEntityRef(entity);
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const [scorecard, guardrails] = await Promise.all([
      api.getEntityScorecard(entityRef),
      api.getGuardrails(),
    ]);
    return { scorecard, guardrails };
  }, [api, entityRef.kind, entityRef.namespace, entityRef.name]);

  let content;
  const scorecard = value?.scorecard;
  if (scorecard && 'status' in scorecard) {
    content = <NoScorecard none={scorecard} />;
  } else if (value && scorecard) {
    content = (
      <GuardrailScorecardView
        scorecard={scorecard}
        guardrails={value.guardrails}
        onChanged={retry}
      />
    );
  } else if (error) {
    content = isNotFound(error) ? (
      <NotEvaluatedYet />
    ) : (
      <ResponseErrorPanel error={error} />
    );
  }
  return (
    <InfoCard
      title="Guardrails"
      subheader="The organisation's guardrails for this entity, and what blocks the next level"
    >
      {loading && <Progress />}
      {content}
    </InfoCard>
  );
};
