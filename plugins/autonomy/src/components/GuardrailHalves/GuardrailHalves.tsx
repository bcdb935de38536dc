import { Box, Grid, Typography } from '@material-ui/core';
import type {
  ScorecardHalf,
  TeamHalf,
} from '@aligned-autonomy/plugin-autonomy-common';
import { formatShare, plural } from '../GuardrailScorecard/format';

/** One half in figures: how many met of how many, as a share, and what is counted apart. */
export interface HalfFigures {
  met: number;
  of: number;
  /** 0–1, or null when nothing is counted. */
  share: number | null;
  /** Said under the figures (opted out, how many guardrails). */
  note?: string;
}

/** A scorecard's half: guardrails of the half that apply, met (pass or exempt), opted out. */
export const scorecardHalf = (half: ScorecardHalf): HalfFigures => ({
  met: half.metCount,
  of: half.guardrailCount,
  share: half.guardrailCount ? half.metCount / half.guardrailCount : null,
  note: half.optedOutCount
    ? `${plural(half.optedOutCount, 'guardrail')} opted out`
    : undefined,
});

/** A team's half: results over everything it owns. */
export const teamHalf = (half: TeamHalf): HalfFigures => ({
  met: half.metCount,
  of: half.resultCount,
  share: half.metShare,
  note: `${plural(half.guardrailCount, 'guardrail')}`,
});

const Half = ({
  title,
  meaning,
  figures,
  empty,
}: {
  title: string;
  meaning: string;
  figures: HalfFigures;
  empty: string;
}) => (
  <Box component="section" aria-label={title}>
    <Typography variant="overline" component="h3">
      {title}
    </Typography>
    <Typography variant="body2" color="textSecondary">
      {meaning}
    </Typography>
    {figures.share === null ? (
      <Typography variant="body1">{empty}</Typography>
    ) : (
      <>
        <Typography variant="h5" component="p">
          {formatShare(figures.share)}
        </Typography>
        <Typography variant="body2">
          {figures.met} of {figures.of} met
          {figures.note ? ` · ${figures.note}` : ''}
        </Typography>
      </>
    )}
  </Box>
);

/**
 * The two halves of a record, side by side and never added up: "aligned" (the organisation's
 * guardrails met) and "autonomous" (the team's own standards, chosen and met), so a team that
 * sets itself a high bar is seen doing so.
 */
export const GuardrailHalves = ({
  aligned,
  autonomous,
}: {
  aligned: HalfFigures;
  autonomous: HalfFigures;
}) => (
  <Grid container spacing={2}>
    <Grid item xs={6}>
      <Half
        title="Aligned"
        meaning="The organisation's guardrails, required and recommended"
        figures={aligned}
        empty="No organisation guardrail applies"
      />
    </Grid>
    <Grid item xs={6}>
      <Half
        title="Autonomous"
        meaning="Standards the team chose for itself"
        figures={autonomous}
        empty="No team standard chosen"
      />
    </Grid>
  </Grid>
);
