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
import { BoundariesView } from './BoundariesView';

/**
 * The entity's ownership boundaries: its owner and their team API, and each dependency across a
 * team boundary with its health and how to fix it.
 * @public
 */
export const BoundariesCard = () => {
  const { entity } = useEntity();
  const api = useApi(autonomyApiRef);
  const entityRef = getCompoundEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getEntityBoundaries(entityRef),
    [api, entityRef.kind, entityRef.namespace, entityRef.name],
  );
  let content = null;
  if (value) content = <BoundariesView data={value} />;
  else if (error && isNotFound(error))
    content = (
      <NotAnalysedYet>
        Its team boundaries have not been analysed yet. They appear after the
        next analysis of the catalog.
      </NotAnalysedYet>
    );
  else if (error) content = <ResponseErrorPanel error={error} />;
  return (
    <InfoCard
      title="Boundaries"
      subheader="Who owns it, and where it depends on other teams"
    >
      {loading && <Progress />}
      {content}
    </InfoCard>
  );
};
