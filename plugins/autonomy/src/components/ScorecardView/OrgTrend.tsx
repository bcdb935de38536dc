import { Typography, useTheme } from '@material-ui/core';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import type { HistoryPoint } from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyApiRef } from '../../api/AutonomyApi';
import { formatDate } from '../GuardrailScorecard/dates';
import { formatScore } from '../GuardrailScorecard/format';
import { ChartFrame, chartFont } from '../shared/ChartFrame';

export const ORG_TREND_DAYS = 90;

const WIDTH = 560;
const HEIGHT = 200;
const M = { top: 12, right: 16, bottom: 40, left: 52 };
const Y_TICKS = [0, 25, 50, 75, 100];

type Scored = HistoryPoint & { score: number };

/** A line of the organisation's average score per day, 0–100, with labelled axes. */
export const TrendChart = ({
  points,
  days,
}: {
  points: HistoryPoint[];
  days: number;
}) => {
  const theme = useTheme();
  const scored = points.filter((p): p is Scored => typeof p.score === 'number');
  if (scored.length < 2) {
    const last = scored[scored.length - 1];
    return (
      <Typography variant="body2" color="textSecondary">
        Not enough history for a trend yet
        {last
          ? `: the average score is ${formatScore(last.score)} (${formatDate(
              last.day,
            )}).`
          : '.'}
      </Typography>
    );
  }
  const first = scored[0];
  const last = scored[scored.length - 1];
  const label = `Average score over the last ${days} days: from ${formatScore(
    first.score,
  )} on ${formatDate(first.day)} to ${formatScore(last.score)} on ${formatDate(
    last.day,
  )}`;

  const t0 = Date.parse(first.day);
  const span = Math.max(1, Date.parse(last.day) - t0);
  const plotW = WIDTH - M.left - M.right;
  const plotH = HEIGHT - M.top - M.bottom;
  const x = (day: string) => M.left + ((Date.parse(day) - t0) / span) * plotW;
  const y = (score: number) => M.top + ((100 - score) / 100) * plotH;
  const font = chartFont(theme);

  return (
    <ChartFrame label={label} width={WIDTH} height={HEIGHT}>
      {Y_TICKS.map(tick => (
        <g key={tick} aria-hidden>
          <line
            x1={M.left}
            x2={WIDTH - M.right}
            y1={y(tick)}
            y2={y(tick)}
            stroke={theme.palette.divider}
          />
          <text
            x={M.left - 6}
            y={y(tick)}
            textAnchor="end"
            dominantBaseline="middle"
            {...font}
          >
            {tick}
          </text>
        </g>
      ))}
      <g aria-hidden>
        <text
          transform={`translate(12 ${M.top + plotH / 2}) rotate(-90)`}
          textAnchor="middle"
          {...font}
        >
          Average score
        </text>
        <text x={M.left} y={HEIGHT - 22} textAnchor="start" {...font}>
          {formatDate(first.day)}
        </text>
        <text x={WIDTH - M.right} y={HEIGHT - 22} textAnchor="end" {...font}>
          {formatDate(last.day)}
        </text>
        <text
          x={M.left + plotW / 2}
          y={HEIGHT - 4}
          textAnchor="middle"
          {...font}
        >
          Day
        </text>
      </g>
      <polyline
        points={scored
          .map(p => `${x(p.day).toFixed(1)},${y(p.score).toFixed(1)}`)
          .join(' ')}
        fill="none"
        stroke={theme.palette.primary.main}
        strokeWidth={2}
        strokeLinejoin="round"
        strokeLinecap="round"
      />
      <circle
        cx={x(last.day)}
        cy={y(last.score)}
        r={3.5}
        fill={theme.palette.primary.main}
      />
    </ChartFrame>
  );
};

/** The organisation's average score over the last 90 days. */
export const OrgTrend = () => {
  const api = useApi(autonomyApiRef);
  const { value, loading, error } = useAsync(
    () => api.getHistory('org', undefined, ORG_TREND_DAYS),
    [api],
  );
  return (
    <InfoCard
      variant="gridItem"
      title="Organisation trend"
      subheader={`Average score of every evaluated entity, last ${ORG_TREND_DAYS} days`}
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && <TrendChart points={value.points} days={ORG_TREND_DAYS} />}
    </InfoCard>
  );
};
