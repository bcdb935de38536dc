import { useMemo } from 'react';
import { Box, Typography } from '@material-ui/core';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import type { BoundaryMapResponse } from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyApiRef } from '../../api/AutonomyApi';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { isNotFound } from '../shared/isNotFound';
import { NotAnalysedYet } from '../shared/NotAnalysedYet';
import { buildBoundaryGraph } from './buildBoundaryGraph';
import { TeamGraph } from './TeamGraph';
import { BoundaryLegend } from './BoundaryLegend';
import { EdgeTable } from './EdgeTable';
import { UnconnectedTeams } from './UnconnectedTeams';
import { plural } from '../shared/boundaryWords';

export const BoundaryMapView = ({ map }: { map: BoundaryMapResponse }) => {
  const { nodes, edges, unconnected } = useMemo(
    () => buildBoundaryGraph(map),
    [map],
  );
  if (nodes.length + unconnected.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No teams to map yet"
        description="Teams appear here once the catalog has Group entities that own components, APIs or resources."
      />
    );
  }
  return (
    <>
      {edges.length === 0 ? (
        <Typography variant="body2" paragraph>
          No dependencies cross a team boundary: every team can change its work
          without waiting for another.
        </Typography>
      ) : (
        <>
          <Typography variant="body2" paragraph>
            {plural(nodes.length, 'team')} of{' '}
            {nodes.length + unconnected.length} depend on another team or are
            depended on (
            {plural(
              edges.length,
              'team-to-team dependency',
              'team-to-team dependencies',
            )}
            ); the {unconnected.length} without are listed below the map.
          </Typography>
          <TeamGraph nodes={nodes} edges={edges} />
          <Box mt={2}>
            <BoundaryLegend />
          </Box>
          <Box mt={2}>
            <EdgeTable nodes={nodes} edges={edges} />
          </Box>
        </>
      )}
      {unconnected.length > 0 && (
        <Box mt={3}>
          <UnconnectedTeams teams={unconnected} />
        </Box>
      )}
      <Box mt={2}>
        <EvaluatedAt at={map.evaluatedAt} />
      </Box>
    </>
  );
};

/** The organisation's boundary map: teams and how their work depends on each other. */
export const BoundaryMap = () => {
  const api = useApi(autonomyApiRef);
  const { value, loading, error } = useAsync(() => api.getBoundaryMap(), [api]);
  let content = null;
  if (value) content = <BoundaryMapView map={value} />;
  else if (error && isNotFound(error))
    content = (
      <NotAnalysedYet>
        The team boundaries have not been analysed yet. The map appears after
        the next analysis of the catalog.
      </NotAnalysedYet>
    );
  else if (error) content = <ResponseErrorPanel error={error} />;
  return (
    <InfoCard
      title="Boundary map"
      subheader="Which teams depend on which, and how healthy those dependencies are"
    >
      {loading && <Progress />}
      {content}
    </InfoCard>
  );
};
