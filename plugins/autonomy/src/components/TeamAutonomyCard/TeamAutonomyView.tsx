import { Box, Chip, Grid, Typography } from '@material-ui/core';
import EmojiEventsIcon from '@material-ui/icons/EmojiEvents';
import type {
  TeamAutonomyResponse,
  TeamBoundariesResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { Section } from '../shared/Section';
import { DecisionColumns } from './DecisionColumns';
import { WhatWouldWiden } from './WhatWouldWiden';
import { TeamLoadFigures, TeamRecord } from './TeamRecord';
import { ExpiredCollaborations } from './ExpiredCollaborations';

/** A team's earned autonomy: its level, what it decides alone, how to widen it and why. */
export const TeamAutonomyView = ({
  autonomy,
  boundaries,
}: {
  autonomy: TeamAutonomyResponse;
  /** Absent when the boundaries could not be loaded: only the expired collaborations come from it. */
  boundaries?: TeamBoundariesResponse;
}) => (
  <>
    {boundaries && (
      <ExpiredCollaborations items={boundaries.expiredCollaborations} />
    )}
    <Box mt={1}>
      <Typography variant="overline" component="p" color="textSecondary">
        Earned level
      </Typography>
      <Chip
        icon={<EmojiEventsIcon aria-hidden />}
        label={autonomy.level.title}
        color="primary"
      />
    </Box>
    <Section title="Decisions">
      <DecisionColumns decisions={autonomy.decisions} />
    </Section>
    <Section title="What would widen it">
      <WhatWouldWiden nextLevel={autonomy.nextLevel} />
    </Section>
    <Grid container spacing={2}>
      <Grid item xs={12} sm={6}>
        <Section title="Record">
          <TeamRecord record={autonomy.record} />
        </Section>
      </Grid>
      <Grid item xs={12} sm={6}>
        <Section title="Load">
          <TeamLoadFigures load={autonomy.load} />
        </Section>
      </Grid>
    </Grid>
    <Box mt={2}>
      <EvaluatedAt at={autonomy.evaluatedAt} />
    </Box>
  </>
);
