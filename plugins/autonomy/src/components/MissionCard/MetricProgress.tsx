import { Box, LinearProgress, Typography } from '@material-ui/core';
import type { MissionSuccessMetric } from '@aligned-autonomy/plugin-autonomy-common';

/** How far a metric is towards its target, 0–100, whichever way it should move. */
export function metricProgress(
  metric: MissionSuccessMetric,
): number | undefined {
  const { current, target, direction } = metric;
  if (current === undefined) return undefined;
  if (direction === 'increase') {
    if (target === 0) return current >= 0 ? 100 : 0;
    return Math.max(0, Math.min(100, (current / target) * 100));
  }
  if (current <= target) return 100;
  return current === 0
    ? 0
    : Math.max(0, Math.min(100, (target / current) * 100));
}

const format = (value: number, unit?: string) =>
  `${value.toLocaleString('en-US')}${unit ? ` ${unit}` : ''}`;

/** One success metric: current vs target, in words and as a bar (never the bar alone). */
export const MetricProgress = ({
  metric,
}: {
  metric: MissionSuccessMetric;
}) => {
  const progress = metricProgress(metric);
  const goal = `${
    metric.direction === 'increase' ? 'at least' : 'at most'
  } ${format(metric.target, metric.unit)}`;
  let current: string;
  if (metric.current !== undefined) {
    current = format(metric.current, metric.unit);
    if (metric.measuredAt) current += ` (measured ${metric.measuredAt})`;
  } else if (metric.factId) {
    current = `from fact ${metric.factId}`;
  } else {
    current = 'not measured yet';
  }
  return (
    <Box mb={1.5}>
      <Typography variant="body2">
        <strong>{metric.name}</strong>: {current}, target {goal}
      </Typography>
      {progress !== undefined && (
        <LinearProgress
          variant="determinate"
          value={progress}
          aria-label={`${metric.name}: ${Math.round(progress)}% of target`}
        />
      )}
    </Box>
  );
};
