import { Box, Chip, Typography } from '@material-ui/core';
import {
  CodeSnippet,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';
import type {
  MissionChainResponse,
  MissionResolution,
} from '@aligned-autonomy/plugin-autonomy-common';
import { AUTONOMY_ANNOTATIONS } from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyApiRef } from '../../api/AutonomyApi';
import { MissionChainPath } from './MissionChainPath';
import { MetricProgress } from './MetricProgress';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { StaleChip } from '../shared/StaleChip';
import { MissionMarkdown } from '../shared/MissionMarkdown';
import { isNotFound, notFoundMessage } from '../shared/isNotFound';
import { NotAnalysedYet } from '../shared/NotAnalysedYet';

const VIA_TEXT: Record<MissionResolution['via'], string> = {
  self: 'this is a mission',
  annotation: 'set on this entity',
  system: 'inherited from its system',
  domain: 'inherited from its domain',
  owner: 'inherited from its owning team',
  'owner-ancestor': 'inherited from a parent group of its owner',
};

const HowToLink = () => (
  <>
    <Typography variant="body2" paragraph>
      Link it to a mission in its <code>catalog-info.yaml</code>, or give its
      system, domain or owning team one:
    </Typography>
    <CodeSnippet
      language="yaml"
      text={`metadata:\n  annotations:\n    ${AUTONOMY_ANNOTATIONS.mission}: mission:default/<mission-name>`}
    />
  </>
);

export const MissionChainView = ({ data }: { data: MissionChainResponse }) => {
  const [mission] = data.chain;
  if (!mission) {
    return (
      <>
        <Typography variant="subtitle1" component="h3">
          No mission yet
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {data.problem?.message}
        </Typography>
        <Box mt={2}>
          <HowToLink />
        </Box>
      </>
    );
  }
  return (
    <>
      {data.problem && (
        <Box mb={2}>
          <WarningPanel
            severity="warning"
            title="The chain does not reach the north star"
            message={data.problem.message}
            defaultExpanded
          />
        </Box>
      )}
      {data.missionProblems.length > 0 && (
        <Box mb={2}>
          <WarningPanel
            severity="warning"
            title="Missions on this chain need attention"
            defaultExpanded
          >
            <ul>
              {data.missionProblems.map(p => (
                <li key={`${p.missionRef}-${p.type}`}>
                  <EntityRefLink entityRef={p.missionRef} />: {p.message}
                </li>
              ))}
            </ul>
          </WarningPanel>
        </Box>
      )}
      <MissionChainPath chain={data.chain} reachesNorthStar={!data.problem} />
      <Box
        mt={2}
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Typography variant="h6" component="h3">
          <EntityRefLink entityRef={mission.ref} title={mission.title} />
        </Typography>
        <StaleChip mission={mission} />
        {mission.horizon && (
          <Chip
            size="small"
            variant="outlined"
            label={`Horizon ${mission.horizon}`}
          />
        )}
      </Box>
      {data.resolution && (
        <Typography variant="caption" color="textSecondary">
          Mission {VIA_TEXT[data.resolution.via]}
          {data.resolution.via !== 'self' &&
            data.resolution.via !== 'annotation' && (
              <>
                {' '}
                (<EntityRefLink entityRef={data.resolution.sourceRef} />)
              </>
            )}
          {' · owned by '}
          <EntityRefLink entityRef={mission.ownerRef} />
        </Typography>
      )}
      <Box mt={2}>
        <Typography variant="overline">What we are solving</Typography>
        <MissionMarkdown content={mission.statement} />
        <Typography variant="overline">Why now</Typography>
        <MissionMarkdown content={mission.why} />
      </Box>
      {mission.successMetrics.length > 0 && (
        <Box mt={1}>
          <Typography variant="overline">What success looks like</Typography>
          {mission.successMetrics.map(metric => (
            <MetricProgress key={metric.name} metric={metric} />
          ))}
        </Box>
      )}
      <EvaluatedAt at={data.evaluatedAt} />
    </>
  );
};

/**
 * The entity's mission and its chain up to the organisation's north star.
 * @public
 */
export const MissionCard = () => {
  const { entity } = useEntity();
  const api = useApi(autonomyApiRef);
  const entityRef = getCompoundEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getMissionChain(entityRef),
    [api, entityRef.kind, entityRef.namespace, entityRef.name],
  );
  return (
    <InfoCard title="Mission" subheader="How this work serves the north star">
      {loading && <Progress />}
      {error && isNotFound(error) && (
        // An entity of a kind without missions (a Location, say) or one the next analysis adds.
        <NotAnalysedYet>
          {notFoundMessage(error) ??
            'Its mission chain appears after the next analysis of the catalog.'}
        </NotAnalysedYet>
      )}
      {error && !isNotFound(error) && <ResponseErrorPanel error={error} />}
      {value && <MissionChainView data={value} />}
    </InfoCard>
  );
};
