import { Box, Typography } from '@material-ui/core';
import CheckCircleOutlineIcon from '@material-ui/icons/CheckCircleOutline';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { EntityBoundariesResponse } from '@aligned-autonomy/plugin-autonomy-common';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { Section } from '../shared/Section';
import { TeamApiSummary } from './TeamApiSummary';
import { OutboundDependencies } from './OutboundDependencies';
import { InboundDependencies } from './InboundDependencies';
import { BoundaryProblems } from './BoundaryProblems';

const NoCrossing = () => (
  <Box mt={2} display="flex" alignItems="flex-start" style={{ gap: 8 }}>
    <CheckCircleOutlineIcon aria-hidden color="action" />
    <div>
      <Typography variant="subtitle1" component="h3">
        No dependencies cross a team boundary
      </Typography>
      <Typography variant="body2" color="textSecondary">
        It depends on no other team's work, and no other team depends on it: its
        owner can change it without waiting for anyone.
      </Typography>
    </div>
  </Box>
);

/** Who owns the entity, and every dependency between it and other teams. */
export const BoundariesView = ({
  data,
}: {
  data: EntityBoundariesResponse;
}) => {
  const crossing = data.outbound.length + data.inbound.length > 0;
  return (
    <>
      <BoundaryProblems problems={data.problems} />
      <Section title="Owner">
        <Typography variant="body2">
          {data.ownerRef ? (
            <EntityRefLink entityRef={data.ownerRef} defaultKind="group" />
          ) : (
            'No owner'
          )}
        </Typography>
        {data.ownerTeamApi && <TeamApiSummary teamApi={data.ownerTeamApi} />}
      </Section>
      {crossing ? (
        <>
          <Section title="Depends on other teams">
            <OutboundDependencies
              entityRef={data.entityRef}
              dependencies={data.outbound}
            />
          </Section>
          <Section title="Other teams depending on it">
            <InboundDependencies
              entityRef={data.entityRef}
              dependencies={data.inbound}
            />
          </Section>
        </>
      ) : (
        <NoCrossing />
      )}
      <Box mt={2}>
        <EvaluatedAt at={data.evaluatedAt} />
      </Box>
    </>
  );
};
