import { Box, LinearProgress, Typography } from '@material-ui/core';
import { doneLabel, sharePercent } from './campaignWords';

/** "3 of 5 done" with a bar, announced as a progress bar with its value. */
export const CampaignProgress = ({
  done,
  total,
  label,
}: {
  done: number;
  total: number;
  /** What the bar counts, for its accessible name. */
  label: string;
}) => (
  <Box display="flex" alignItems="center" minWidth={180}>
    <Box flexGrow={1} mr={1}>
      <LinearProgress
        variant="determinate"
        value={sharePercent(done, total)}
        aria-label={label}
      />
    </Box>
    <Typography variant="body2" noWrap>
      {doneLabel(done, total)}
    </Typography>
  </Box>
);
