import { useTheme } from '@material-ui/core';
import type { HistoryPoint } from '@aligned-autonomy/plugin-autonomy-common';
import { daysSpanned } from './dates';

const PAD = 3;

/**
 * The score over time as a small inline SVG line, with its meaning in the accessible name.
 * Days without a score are skipped; nothing is drawn with fewer than two scored days.
 */
export const Sparkline = ({
  points,
  width = 120,
  height = 32,
}: {
  /** Daily scores, oldest first (a scorecard trend or history points). */
  points: Pick<HistoryPoint, 'day' | 'score'>[];
  width?: number;
  height?: number;
}) => {
  const theme = useTheme();
  const scored = points.filter(
    (p): p is Pick<HistoryPoint, 'day'> & { score: number } =>
      typeof p.score === 'number',
  );
  if (scored.length < 2) return null;

  const first = scored[0];
  const last = scored[scored.length - 1];
  const days = daysSpanned(points[0].day, points[points.length - 1].day);
  const label = `Score trend over ${days} days: from ${Math.round(
    first.score,
  )} to ${Math.round(last.score)}`;

  const scores = scored.map(p => p.score);
  const min = Math.min(...scores);
  const max = Math.max(...scores);
  const x = (i: number) => PAD + (i * (width - 2 * PAD)) / (scored.length - 1);
  const y = (score: number) =>
    max === min
      ? height / 2
      : PAD + ((max - score) * (height - 2 * PAD)) / (max - min);
  const coords = scored.map(
    (p, i) => `${x(i).toFixed(1)},${y(p.score).toFixed(1)}`,
  );

  return (
    <svg
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      <title>{label}</title>
      <polyline
        points={coords.join(' ')}
        fill="none"
        stroke={theme.palette.primary.main}
        strokeWidth={1.5}
        strokeLinejoin="round"
        strokeLinecap="round"
      />
      <circle
        cx={x(scored.length - 1)}
        cy={y(last.score)}
        r={2.5}
        fill={theme.palette.primary.main}
      />
    </svg>
  );
};
