import { Chip } from '@material-ui/core';
import WarningIcon from '@material-ui/icons/Warning';
import type { MissionSummary } from '@aligned-autonomy/plugin-autonomy-common';

/** Marks a mission past its review date, in words and with an icon (not by colour alone). */
export const StaleChip = ({ mission }: { mission: MissionSummary }) =>
  mission.stale ? (
    <Chip
      size="small"
      icon={<WarningIcon />}
      label={
        mission.reviewBy
          ? `Review overdue since ${mission.reviewBy}`
          : 'Review overdue'
      }
    />
  ) : null;
