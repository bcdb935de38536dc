import { useMemo, useState } from 'react';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TablePagination,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import type { Theme } from '@material-ui/core';
import { alpha } from '@material-ui/core/styles';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import type { GuardrailState } from '@aligned-autonomy/plugin-autonomy-common';
import {
  autonomyApiRef,
  type HeatmapCell,
  type HeatmapResponse,
} from '../../api/AutonomyApi';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { isNotFound } from '../shared/isNotFound';
import { NotAnalysedYet } from '../shared/NotAnalysedYet';
import { STATE_LABELS } from '../GuardrailScorecard/StateLabel';
import { formatLevel, formatShare } from '../GuardrailScorecard/format';

const useStyles = makeStyles((theme: Theme) => ({
  scroller: {
    overflowX: 'auto',
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
  table: {
    borderCollapse: 'separate',
    borderSpacing: 2,
    '& caption': { captionSide: 'top', textAlign: 'left', padding: 0 },
    // The theme breaks anywhere, which squeezes the columns into broken words.
    '& td, & th': { wordBreak: 'normal', overflowWrap: 'break-word' },
  },
  // The team stays in view while the guardrails scroll sideways.
  sticky: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: theme.palette.background.paper,
  },
  corner: { minWidth: 160, verticalAlign: 'bottom' },
  guardrail: {
    minWidth: 112,
    maxWidth: 150,
    verticalAlign: 'bottom',
    lineHeight: 1.2,
  },
  team: { whiteSpace: 'nowrap' },
  cell: {
    textAlign: 'center',
    padding: theme.spacing(0.75, 1),
    borderBottom: 'none',
    borderRadius: 4,
  },
  none: { backgroundColor: theme.palette.action.hover },
  share: { fontWeight: theme.typography.fontWeightBold as number },
  bar: {
    height: 4,
    margin: theme.spacing(0.5, 'auto', 0),
    width: 56,
    borderRadius: 2,
    backgroundColor: theme.palette.divider,
    overflow: 'hidden',
  },
  fill: { height: '100%' },
  high: { backgroundColor: theme.palette.success.main },
  mid: { backgroundColor: theme.palette.warning.main },
  low: { backgroundColor: theme.palette.error.main },
  highBg: { backgroundColor: alpha(theme.palette.success.main, 0.12) },
  midBg: { backgroundColor: alpha(theme.palette.warning.main, 0.15) },
  lowBg: { backgroundColor: alpha(theme.palette.error.main, 0.15) },
}));

const bucket = (share: number) => {
  if (share >= 0.8) return 'high' as const;
  if (share >= 0.5) return 'mid' as const;
  return 'low' as const;
};

/** "Pass 4, Fail 1": the cell's results per state, for its tooltip. */
const describeCounts = (cell: HeatmapCell) =>
  (Object.entries(cell.counts) as [GuardrailState, number][])
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${STATE_LABELS[state] ?? state} ${n}`)
    .join(', ');

const TEAMS_PER_PAGE = 20;

const Cell = ({ cell }: { cell?: HeatmapCell }) => {
  const classes = useStyles();
  if (!cell || cell.metShare === null || cell.total === 0) {
    return (
      <TableCell className={`${classes.cell} ${classes.none}`}>
        <Typography variant="caption" color="textSecondary">
          n/a
        </Typography>
      </TableCell>
    );
  }
  const level = bucket(cell.metShare);
  const met = Math.round(cell.metShare * cell.total);
  return (
    <TableCell
      className={`${classes.cell} ${classes[`${level}Bg` as const]}`}
      title={describeCounts(cell)}
    >
      <Typography variant="body2" component="span" className={classes.share}>
        {formatShare(cell.metShare)}
      </Typography>
      <div className={classes.bar} aria-hidden>
        <div
          className={`${classes.fill} ${classes[level]}`}
          style={{ width: formatShare(cell.metShare) }}
        />
      </div>
      <Typography variant="caption" color="textSecondary" component="span">
        {met} of {cell.total}
      </Typography>
    </TableCell>
  );
};

/** Teams × guardrails as a real table: rows are teams, columns guardrails, cells the share met. */
export const HeatMapTable = ({ data }: { data: HeatmapResponse }) => {
  const classes = useStyles();
  const cells = useMemo(
    () => new Map(data.cells.map(c => [`${c.ownerRef}\n${c.guardrailId}`, c])),
    [data.cells],
  );
  // Teams that need attention first: lowest share met over all their results. Paged, because a
  // heat map of hundreds of teams is neither readable nor cheap to lay out.
  const teams = useMemo(() => {
    const share = new Map<string, { met: number; total: number }>();
    for (const c of data.cells) {
      const t = share.get(c.ownerRef) ?? { met: 0, total: 0 };
      t.met += Math.round((c.metShare ?? 0) * c.total);
      t.total += c.total;
      share.set(c.ownerRef, t);
    }
    const ratio = (team: string) => {
      const t = share.get(team);
      return t && t.total ? t.met / t.total : 1;
    };
    return [...data.teams].sort(
      (a, b) => ratio(a) - ratio(b) || a.localeCompare(b),
    );
  }, [data.cells, data.teams]);
  const [page, setPage] = useState(0);
  const visible = teams.slice(
    page * TEAMS_PER_PAGE,
    (page + 1) * TEAMS_PER_PAGE,
  );
  if (!data.teams.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No results yet: the heat map fills in after the next evaluation.
      </Typography>
    );
  }
  return (
    <div
      className={classes.scroller}
      role="region"
      aria-labelledby="autonomy-heatmap-caption"
      // The table scrolls sideways and its only links stay in the sticky first column: keyboard
      // users need to focus the region itself to scroll it (WCAG 2.1.1).
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
    >
      <Table size="small" className={classes.table}>
        <caption id="autonomy-heatmap-caption">
          <Typography variant="body2" color="textSecondary" component="span">
            Share of each team's results that pass or are exempt, per guardrail.
            n/a: the guardrail applies to nothing the team owns.
          </Typography>
        </caption>
        <TableHead>
          <TableRow>
            <TableCell
              scope="col"
              className={`${classes.corner} ${classes.sticky}`}
            >
              Team
            </TableCell>
            {data.guardrails.map(g => (
              <TableCell key={g.id} scope="col" className={classes.guardrail}>
                <Typography variant="body2" component="span">
                  {g.title}
                </Typography>
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="span"
                  style={{ display: 'block' }}
                >
                  {formatLevel(g.level)}
                </Typography>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {visible.map(team => (
            <TableRow key={team}>
              <TableCell
                component="th"
                scope="row"
                // MUI gives a `component` cell the role "cell": keep the row header's.
                role="rowheader"
                className={`${classes.team} ${classes.sticky}`}
              >
                <EntityRefLink entityRef={team} />
              </TableCell>
              {data.guardrails.map(g => (
                <Cell key={g.id} cell={cells.get(`${team}\n${g.id}`)} />
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {teams.length > TEAMS_PER_PAGE && (
        <TablePagination
          component="div"
          count={teams.length}
          page={page}
          onPageChange={(_, next) => setPage(next)}
          rowsPerPage={TEAMS_PER_PAGE}
          rowsPerPageOptions={[TEAMS_PER_PAGE]}
          labelDisplayedRows={({ from, to, count }) =>
            `Teams ${from}–${to} of ${count}, least met first`
          }
        />
      )}
    </div>
  );
};

/** The teams × guardrails heat map of the organisation. */
export const HeatMap = () => {
  const api = useApi(autonomyApiRef);
  const { value, loading, error } = useAsync(() => api.getHeatmap(), [api]);
  let content = null;
  if (loading) content = <Progress />;
  else if (error && isNotFound(error))
    content = (
      <NotAnalysedYet>
        The guardrails have not been evaluated yet. The heat map appears after
        the next evaluation.
      </NotAnalysedYet>
    );
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (value)
    content = (
      <>
        <HeatMapTable data={value} />
        {value.evaluatedAt && <EvaluatedAt at={value.evaluatedAt} />}
      </>
    );
  return (
    <InfoCard
      title="Teams × guardrails"
      subheader="Where each team meets the guardrails, and where it does not"
    >
      {content}
    </InfoCard>
  );
};
