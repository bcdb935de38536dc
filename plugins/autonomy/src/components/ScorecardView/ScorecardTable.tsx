import { memo } from 'react';
import {
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TableSortLabel,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { Link } from '@backstage/core-components';
import {
  useEntityPresentation,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import type { ScorecardListItem, ScorecardSort } from '../../api/AutonomyApi';
import { LevelBadge } from '../GuardrailScorecard/LevelBadge';
import { Sparkline } from '../GuardrailScorecard/Sparkline';
import { formatScore } from '../GuardrailScorecard/format';
import { PAGE_SIZE, TREND_DAYS } from './urlState';

const useStyles = makeStyles(theme => ({
  table: {
    minWidth: 960,
    // The theme breaks anywhere, which lets columns shrink to a few letters.
    '& td, & th': { wordBreak: 'normal', overflowWrap: 'break-word' },
  },
  ref: { minWidth: 140 },
  kind: { display: 'block' },
  scoreBar: { marginTop: theme.spacing(0.5), width: 64, height: 4 },
  failing: { display: 'block', maxWidth: 260 },
  nowrap: { whiteSpace: 'nowrap' },
}));

type Column = {
  title: string;
  sort?: ScorecardSort;
  align?: 'right';
};

const COLUMNS: Column[] = [
  { title: 'Entity', sort: 'title' },
  { title: 'Owner' },
  { title: 'System' },
  { title: 'Level', sort: 'level' },
  { title: 'Score', sort: 'score', align: 'right' },
  { title: 'Failing guardrails', sort: 'failing' },
  { title: `Trend (${TREND_DAYS} days)` },
];

const KIND_LABELS: Record<string, string> = { api: 'API' };
const kindLabel = (kind: string) =>
  KIND_LABELS[kind.toLocaleLowerCase('en-US')] ??
  kind.charAt(0).toLocaleUpperCase('en-US') + kind.slice(1);

// Rows link with `useEntityRefLink`, resolved once per table, and a plain title. Backstage's
// `EntityRefLink` resolves the route against the whole route tree and mounts two MUI Boxes (a style
// sheet each) per link: on a page of 25 rows that added and removed ~100 style sheets and cost
// ~150 ms of every filter change with 10,000 services.
type LinkTo = (entityRef: string) => string;

/** The entity's display name, with its full reference on hover as Backstage's links have it. */
const PresentedLink = ({
  entityRef,
  linkTo,
}: {
  entityRef: string;
  linkTo: LinkTo;
}) => {
  const { primaryTitle, secondaryTitle } = useEntityPresentation(entityRef);
  return (
    <Link to={linkTo(entityRef)} title={secondaryTitle}>
      {primaryTitle}
    </Link>
  );
};

const RefOrNone = ({
  entityRef,
  linkTo,
}: {
  entityRef?: string;
  linkTo: LinkTo;
}) =>
  entityRef ? (
    <PresentedLink entityRef={entityRef} linkTo={linkTo} />
  ) : (
    <Typography variant="body2" color="textSecondary" component="span">
      None
    </Typography>
  );

const Failing = ({
  ids,
  titleOf,
}: {
  ids: string[];
  titleOf: (id: string) => string;
}) => {
  const classes = useStyles();
  if (!ids.length) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        None
      </Typography>
    );
  }
  const titles = ids.map(titleOf);
  return (
    <>
      <Typography variant="body2" component="span" title={titles.join('\n')}>
        {ids.length}
      </Typography>
      <Typography
        variant="caption"
        color="textSecondary"
        className={classes.failing}
      >
        {titles.join(', ')}
      </Typography>
    </>
  );
};

const Trend = ({ row }: { row: ScorecardListItem }) => {
  const scored = (row.trend ?? []).filter(p => typeof p.score === 'number');
  if (scored.length < 2) {
    return (
      <Typography variant="caption" color="textSecondary">
        No trend yet
      </Typography>
    );
  }
  return <Sparkline points={row.trend ?? []} width={96} height={28} />;
};

/**
 * One page of entity scores. Sorting and paging are the server's: the table only reports the
 * column or page asked for.
 */
function ScorecardPage({
  items,
  total,
  page,
  orderBy,
  order,
  onSort,
  onPageChange,
  titleOf,
}: {
  items: ScorecardListItem[];
  total: number;
  /** 0-based. */
  page: number;
  orderBy: ScorecardSort;
  order: 'asc' | 'desc';
  onSort: (sort: ScorecardSort) => void;
  onPageChange: (page: number) => void;
  /** A guardrail's title from its id. */
  titleOf: (id: string) => string;
}) {
  const classes = useStyles();
  const linkTo = useEntityRefLink();
  return (
    <>
      <TableContainer>
        <Table
          size="small"
          className={classes.table}
          aria-label="Entity scorecards"
        >
          <TableHead>
            <TableRow>
              {COLUMNS.map(column => {
                const active = column.sort === orderBy;
                return (
                  <TableCell
                    key={column.title}
                    align={column.align}
                    // Also sets aria-sort on the active column.
                    sortDirection={active ? order : false}
                    className={classes.nowrap}
                  >
                    {column.sort ? (
                      <TableSortLabel
                        active={active}
                        direction={active ? order : 'asc'}
                        onClick={() => onSort(column.sort!)}
                      >
                        {column.title}
                      </TableSortLabel>
                    ) : (
                      column.title
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map(row => (
              <TableRow key={row.entityRef} hover>
                <TableCell>
                  <Link to={linkTo(row.entityRef)}>{row.title}</Link>
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    className={classes.kind}
                  >
                    {kindLabel(row.kind)}
                  </Typography>
                </TableCell>
                <TableCell className={classes.ref}>
                  <RefOrNone entityRef={row.ownerRef} linkTo={linkTo} />
                </TableCell>
                <TableCell className={classes.ref}>
                  <RefOrNone entityRef={row.systemRef} linkTo={linkTo} />
                </TableCell>
                <TableCell>
                  <LevelBadge level={row.level} size="small" />
                </TableCell>
                <TableCell align="right">
                  <Typography variant="body2" component="span">
                    {formatScore(row.score)}
                  </Typography>
                  {typeof row.score === 'number' && (
                    <LinearProgress
                      variant="determinate"
                      value={Math.max(0, Math.min(100, row.score))}
                      className={classes.scoreBar}
                      aria-hidden
                      style={{ marginLeft: 'auto' }}
                    />
                  )}
                </TableCell>
                <TableCell>
                  <Failing ids={row.failingGuardrailIds} titleOf={titleOf} />
                </TableCell>
                <TableCell>
                  <Trend row={row} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={total}
        page={page}
        rowsPerPage={PAGE_SIZE}
        rowsPerPageOptions={[PAGE_SIZE]}
        onPageChange={(_event, next) => onPageChange(next)}
      />
    </>
  );
}

/** Memoised: the view re-renders while a page loads, and this part need not. */
export const ScorecardTable = memo(ScorecardPage);
