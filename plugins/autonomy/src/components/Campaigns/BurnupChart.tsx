import { Typography, useTheme } from '@material-ui/core';
import type { CampaignBurnupPoint } from '@aligned-autonomy/plugin-autonomy-common';
import { formatDate } from '../GuardrailScorecard/dates';
import { ChartFrame, chartFont } from '../shared/ChartFrame';

const M = { top: 12, right: 16, bottom: 36, left: 40 };
/** Room between the axis labels and the first day's marks. */
const INSET = 8;
const DAY_MS = 86_400_000;

/**
 * A burn-up: entities done (line) against entities in scope (dashed) per day, from the first
 * stored day to the deadline, with the deadline marked. Its meaning is in the accessible name.
 */
export const BurnupChart = ({
  points,
  deadline,
  title,
  width = 560,
  height = 200,
}: {
  /** Daily points, oldest first. */
  points: CampaignBurnupPoint[];
  deadline: string;
  /** Whose burn-up, for the accessible name ("overall", a team). */
  title: string;
  width?: number;
  height?: number;
}) => {
  const theme = useTheme();
  if (!points.length)
    return (
      <Typography variant="body2" color="textSecondary">
        No history yet: the burn-up starts with the next analysis.
      </Typography>
    );
  const first = points[0];
  const last = points[points.length - 1];
  const label = `Burn-up ${title}: ${last.done} of ${
    last.total
  } done on ${formatDate(last.day)}, from ${first.done} of ${
    first.total
  } on ${formatDate(first.day)}; deadline ${formatDate(deadline)}`;

  const t0 = Date.parse(first.day);
  const end = Math.max(Date.parse(last.day), Date.parse(deadline));
  const span = Math.max(DAY_MS, end - t0);
  const top = Math.max(1, ...points.map(p => p.total));
  const plotW = width - M.left - M.right - INSET;
  const plotH = height - M.top - M.bottom;
  const x = (day: string) =>
    M.left + INSET + ((Date.parse(day) - t0) / span) * plotW;
  const y = (n: number) => M.top + ((top - n) / top) * plotH;
  const line = (value: (p: CampaignBurnupPoint) => number) =>
    points
      .map(p => `${x(p.day).toFixed(1)},${y(value(p)).toFixed(1)}`)
      .join(' ');
  const font = chartFont(theme);
  const deadlineX = x(deadline);

  return (
    <ChartFrame label={label} width={width} height={height}>
      {[0, top].map(tick => (
        <g key={tick} aria-hidden>
          <line
            x1={M.left}
            x2={width - M.right}
            y1={y(tick)}
            y2={y(tick)}
            stroke={theme.palette.divider}
          />
          <text x={M.left - 6} y={y(tick) + 4} textAnchor="end" {...font}>
            {tick}
          </text>
        </g>
      ))}
      <g aria-hidden>
        <text x={M.left} y={height - 12} {...font}>
          {formatDate(first.day)}
        </text>
        <line
          x1={deadlineX}
          x2={deadlineX}
          y1={M.top}
          y2={M.top + plotH}
          stroke={theme.palette.error.main}
          strokeDasharray="2 3"
        />
        <text x={deadlineX} y={height - 12} textAnchor="end" {...font}>
          deadline {formatDate(deadline)}
        </text>
        <polyline
          points={line(p => p.total)}
          fill="none"
          stroke={theme.palette.text.secondary}
          strokeDasharray="5 4"
          strokeWidth={1.5}
        />
        <polyline
          points={line(p => p.done)}
          fill="none"
          stroke={theme.palette.primary.main}
          strokeWidth={2.5}
        />
        {points.length === 1 && (
          // One day of history: the scope as a ring, the entities done as a dot.
          <>
            <circle
              cx={x(first.day)}
              cy={y(first.total)}
              r={4}
              fill="none"
              stroke={theme.palette.text.secondary}
            />
            <circle
              cx={x(first.day)}
              cy={y(first.done)}
              r={4}
              fill={theme.palette.primary.main}
            />
          </>
        )}
      </g>
    </ChartFrame>
  );
};
