import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box, Button, Typography, makeStyles } from '@material-ui/core';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { autonomyApiRef, type ScorecardSort } from '../../api/AutonomyApi';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { fetchAllRollups } from '../shared/rollups';
import { plural } from '../GuardrailScorecard/format';
import { ExportCsvButton } from './ExportCsvButton';
import { ScorecardFilterBar, type FilterOptions } from './ScorecardFilterBar';
import { ScorecardTable } from './ScorecardTable';
import {
  FIRST_ORDER,
  PAGE_SIZE,
  TREND_DAYS,
  hasFilters,
  readViewState,
  withParams,
  withoutFilters,
  type FilterParam,
} from './urlState';
import { useViewParams } from './useViewParams';

/** How long the search box waits for the typing to stop before it asks the server. */
export const SEARCH_DEBOUNCE_MS = 250;

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    margin: theme.spacing(2, 0, 1),
  },
  grow: { flexGrow: 1 },
  empty: {
    padding: theme.spacing(4, 2),
    textAlign: 'center',
  },
}));

const NO_OPTIONS: FilterOptions = {
  teams: [],
  systems: [],
  domains: [],
  levels: [],
  guardrails: [],
};

/** The filter options: each list comes from its own request, and one failing leaves the others. */
function useFilterOptions() {
  const api = useApi(autonomyApiRef);
  const state = useAsync(async () => {
    const settle = <T,>(promise: Promise<T>, fallback: T) =>
      promise.then(
        value => ({ value, failed: false }),
        () => ({ value: fallback, failed: true }),
      );
    const [guardrails, teams, systems, domains] = await Promise.all([
      settle(api.getGuardrails(), { levels: [], guardrails: [] }),
      settle(fetchAllRollups(api, 'team'), []),
      settle(fetchAllRollups(api, 'system'), []),
      settle(fetchAllRollups(api, 'domain'), []),
    ]);
    const options: FilterOptions = {
      teams: teams.value.map(r => r.ref),
      systems: systems.value.map(r => r.ref),
      domains: domains.value.map(r => r.ref),
      levels: guardrails.value.levels,
      guardrails: guardrails.value.guardrails.map(g => ({
        id: g.id,
        title: g.title,
      })),
    };
    const failed = [guardrails, teams, systems, domains].some(r => r.failed);
    return { options, failed };
  }, [api]);
  return {
    options: state.value?.options ?? NO_OPTIONS,
    failed: state.value?.failed ?? false,
  };
}

/**
 * Every evaluated entity with its level, score, failing guardrails and trend: filtered, sorted and
 * paged on the server, with the filters in the URL so a view can be shared.
 */
export const ScorecardView = () => {
  const classes = useStyles();
  const api = useApi(autonomyApiRef);
  const [params, setParams] = useViewParams();
  const view = useMemo(() => readViewState(params), [params]);
  const { filters, orderBy, order, page } = view;
  const { options, failed: optionsFailed } = useFilterOptions();

  const update = useCallback(
    (
      changes: Partial<Record<string, string | string[] | undefined>>,
      opts?: { keepPage?: boolean },
    ) => setParams(prev => withParams(prev, changes, opts)),
    [setParams],
  );

  // The search box: its own state, sent to the URL once the typing pauses.
  const [text, setText] = useState(filters.q ?? '');
  const sentText = useRef(filters.q ?? '');
  useEffect(() => {
    // The URL changed from elsewhere (a reset, a link): follow it.
    if ((filters.q ?? '') !== sentText.current) {
      sentText.current = filters.q ?? '';
      setText(filters.q ?? '');
    }
  }, [filters.q]);
  useDebounce(
    () => {
      const next = text.trim();
      if (next === sentText.current) return;
      sentText.current = next;
      update({ q: next || undefined });
    },
    SEARCH_DEBOUNCE_MS,
    [text, update],
  );

  // One key per distinct request, so a re-render with the same URL does not fetch again.
  const query = useMemo(
    () => ({
      ...filters,
      orderBy,
      order,
      limit: PAGE_SIZE,
      offset: page * PAGE_SIZE,
      trendDays: TREND_DAYS,
    }),
    [filters, orderBy, order, page],
  );
  const queryKey = JSON.stringify(query);
  const list = useAsync(
    () => api.listScorecards(query),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, queryKey],
  );

  // A shared link to a page past the end: go to the last page there is.
  const total = list.value?.total;
  useEffect(() => {
    if (total === undefined || list.loading) return;
    const lastPage = Math.max(0, Math.ceil(total / PAGE_SIZE) - 1);
    if (page > lastPage)
      update(
        { page: lastPage ? String(lastPage + 1) : undefined },
        { keepPage: true },
      );
  }, [total, page, list.loading, update]);

  // Stable callbacks: the filter bar and the table are memoised, so a change of the list's loading
  // state does not re-render them (an open filter menu re-measures its position on every render).
  const onSort = useCallback(
    (sort: ScorecardSort) => {
      // The same column again flips the direction; a new one starts in its own.
      const flipped = order === 'asc' ? 'desc' : 'asc';
      update({
        orderBy: sort,
        order: sort === orderBy ? flipped : FIRST_ORDER[sort],
      });
    },
    [order, orderBy, update],
  );
  const onFilter = useCallback(
    (param: FilterParam, value: string | string[] | undefined) =>
      update({ [param]: value }),
    [update],
  );
  const onPageChange = useCallback(
    (next: number) =>
      update({ page: next ? String(next + 1) : undefined }, { keepPage: true }),
    [update],
  );
  const reset = useCallback(() => {
    sentText.current = '';
    setText('');
    setParams(prev => withoutFilters(prev));
  }, [setParams]);
  const filtered = hasFilters(view);
  const exportQuery = useMemo(
    () => ({ ...filters, orderBy, order }),
    [filters, orderBy, order],
  );

  const guardrailTitles = useMemo(
    () => new Map(options.guardrails.map(g => [g.id, g.title])),
    [options.guardrails],
  );
  const titleOf = useCallback(
    (id: string) => guardrailTitles.get(id) ?? id,
    [guardrailTitles],
  );

  let content;
  if (list.error) {
    content = <ResponseErrorPanel error={list.error} />;
  } else if (!list.value) {
    content = <Progress />;
  } else if (list.value.total === 0) {
    content = (
      <Box className={classes.empty}>
        <Typography variant="h6" component="p" gutterBottom>
          {filtered
            ? 'No services match these filters'
            : 'Nothing has been evaluated yet'}
        </Typography>
        {filtered ? (
          <Button variant="outlined" color="primary" onClick={reset}>
            Reset filters
          </Button>
        ) : (
          <Typography variant="body2" color="textSecondary">
            Scores appear after the next evaluation of the guardrails.
          </Typography>
        )}
      </Box>
    );
  } else {
    const lastPage = Math.max(0, Math.ceil(list.value.total / PAGE_SIZE) - 1);
    content = (
      <>
        {list.loading && <Progress />}
        <ScorecardTable
          items={list.value.items}
          total={list.value.total}
          page={Math.min(page, lastPage)}
          orderBy={orderBy}
          order={order}
          onSort={onSort}
          onPageChange={onPageChange}
          titleOf={titleOf}
        />
      </>
    );
  }

  return (
    <InfoCard
      title="Service scorecards"
      subheader="Level, score and failing guardrails of every evaluated entity"
    >
      <ScorecardFilterBar
        state={view}
        options={options}
        text={text}
        onTextChange={setText}
        onChange={onFilter}
        onClear={filtered ? reset : undefined}
      />
      {optionsFailed && (
        <Typography variant="caption" color="error" component="p">
          Some filter options could not be loaded.
        </Typography>
      )}
      <div className={classes.toolbar}>
        <Typography variant="subtitle1" component="p" aria-live="polite">
          {list.value
            ? `${plural(list.value.total, 'entity', 'entities')}${
                filtered
                  ? ` ${list.value.total === 1 ? 'matches' : 'match'}`
                  : ''
              }`
            : '\u00a0'}
        </Typography>
        {list.value?.evaluatedAt && <EvaluatedAt at={list.value.evaluatedAt} />}
        <span className={classes.grow} />
        <ExportCsvButton query={exportQuery} />
      </div>
      {content}
    </InfoCard>
  );
};
