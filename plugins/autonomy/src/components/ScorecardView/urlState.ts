import {
  GUARDRAIL_STATES,
  type GuardrailState,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { ScorecardFilters, ScorecardSort } from '../../api/AutonomyApi';

/** Rows per page of the scorecard table. */
export const PAGE_SIZE = 25;
/** Days of per-row trend asked for. */
export const TREND_DAYS = 30;

export const SORTS: ScorecardSort[] = ['title', 'level', 'score', 'failing'];
export const DEFAULT_SORT: ScorecardSort = 'title';

/** The direction a column sorts in when first chosen: worst first where that means something. */
export const FIRST_ORDER: Record<ScorecardSort, 'asc' | 'desc'> = {
  title: 'asc',
  level: 'asc',
  score: 'asc',
  failing: 'desc',
};

/** The filters the view offers, as URL parameters; lists repeat (`ownerRef=a&ownerRef=b`). */
export const LIST_FILTERS = [
  'ownerRef',
  'systemRef',
  'domainRef',
  'level',
  'state',
] as const;
export const TEXT_FILTERS = ['guardrailId', 'q'] as const;
export const FILTER_PARAMS = [...LIST_FILTERS, ...TEXT_FILTERS] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

/** Everything the view keeps in the URL: filters, sort and (1-based) page. */
export interface ScorecardViewState {
  filters: Omit<ScorecardFilters, 'orderBy' | 'order' | 'kind'>;
  orderBy: ScorecardSort;
  order: 'asc' | 'desc';
  /** 0-based. */
  page: number;
}

const isState = (s: string): s is GuardrailState =>
  (GUARDRAIL_STATES as string[]).includes(s);

const unique = (values: string[]) => [
  ...new Set(values.map(v => v.trim()).filter(Boolean)),
];

/** Reads the view's state from the query string; anything invalid falls back to the default. */
export function readViewState(params: URLSearchParams): ScorecardViewState {
  const filters: ScorecardViewState['filters'] = {};
  for (const key of ['ownerRef', 'systemRef', 'domainRef', 'level'] as const) {
    const values = unique(params.getAll(key));
    if (values.length) filters[key] = values;
  }
  const states = unique(params.getAll('state')).filter(isState);
  if (states.length) filters.state = states;
  const guardrailId = params.get('guardrailId')?.trim();
  if (guardrailId) filters.guardrailId = guardrailId;
  const q = params.get('q')?.trim();
  if (q) filters.q = q;

  const sort = params.get('orderBy');
  const orderBy = SORTS.includes(sort as ScorecardSort)
    ? (sort as ScorecardSort)
    : DEFAULT_SORT;
  const order = params.get('order');
  const page = Number(params.get('page'));
  return {
    filters,
    orderBy,
    order: order === 'asc' || order === 'desc' ? order : FIRST_ORDER[orderBy],
    page: Number.isInteger(page) && page > 1 ? page - 1 : 0,
  };
}

/** True when any filter narrows the list. */
export const hasFilters = (state: ScorecardViewState) =>
  Object.keys(state.filters).length > 0;

/**
 * The query string with some parameters replaced (undefined, '' or [] removes them); changing a
 * filter or the sort goes back to the first page.
 */
export function withParams(
  params: URLSearchParams,
  changes: Partial<Record<string, string | string[] | undefined>>,
  { keepPage = false }: { keepPage?: boolean } = {},
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    next.delete(key);
    for (const v of ([] as (string | undefined)[]).concat(value)) {
      if (v) next.append(key, v);
    }
  }
  if (!keepPage) next.delete('page');
  return next;
}

/** The query string without any filter (sort kept, first page). */
export function withoutFilters(params: URLSearchParams): URLSearchParams {
  return withParams(
    params,
    Object.fromEntries(FILTER_PARAMS.map(key => [key, undefined])),
  );
}

/** Values chosen but not offered (e.g. from a shared link) stay selectable so they can be removed. */
export const withSelected = (options: string[], selected: string[] = []) => [
  ...options,
  ...selected.filter(s => !options.includes(s)),
];
