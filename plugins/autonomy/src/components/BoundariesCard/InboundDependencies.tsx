import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { CrossTeamDependency } from '@aligned-autonomy/plugin-autonomy-common';
import { HealthLabel } from '../shared/HealthLabel';
import { plural } from '../shared/boundaryWords';
import { bySeverity, VIA_TEXT } from './OutboundDependencies';

/** Other teams' dependencies on this entity: a one-line summary that opens to the list. */
export const InboundDependencies = ({
  entityRef,
  dependencies,
}: {
  entityRef: string;
  dependencies: CrossTeamDependency[];
}) => {
  if (dependencies.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No other team depends on it.
      </Typography>
    );
  }
  const teams = new Set(dependencies.map(d => d.fromTeamRef)).size;
  return (
    <Accordion variant="outlined">
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls="inbound-dependencies"
        id="inbound-dependencies-summary"
      >
        <Typography variant="body2">
          {`${plural(
            dependencies.length,
            'dependency',
            'dependencies',
          )} from ${plural(teams, 'other team')}`}
        </Typography>
      </AccordionSummary>
      <AccordionDetails id="inbound-dependencies">
        <Typography
          variant="body2"
          component="ul"
          aria-label="Dependencies from other teams"
          style={{ margin: 0 }}
        >
          {[...dependencies].sort(bySeverity).map(d => (
            <li key={`${d.fromRef}>${d.toRef}`}>
              <EntityRefLink entityRef={d.fromRef} />
              {' of '}
              <EntityRefLink entityRef={d.fromTeamRef} defaultKind="group" />
              {d.toRef !== entityRef && (
                <>
                  {' on '}
                  <EntityRefLink entityRef={d.toRef} />
                </>
              )}
              {` · ${VIA_TEXT[d.via]} · `}
              <HealthLabel health={d.health} />
            </li>
          ))}
        </Typography>
      </AccordionDetails>
    </Accordion>
  );
};
