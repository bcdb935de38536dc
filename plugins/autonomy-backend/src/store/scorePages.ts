import type { Knex } from 'knex';
import {
  GUARDRAIL_STATES,
  type GuardrailState,
} from '@aligned-autonomy/plugin-autonomy-common';
import { lastRunQuery } from './analysisRuns';
import type { RollupRow } from './aggregates';
import {
  HEADER_COLUMNS,
  hasArrays,
  toScore,
  type EntityScoreRow,
} from './scoreRows';

export type ScoreSort = 'score' | 'title' | 'level' | 'failing';

export interface ScoreQuery {
  ownerRef?: string[];
  systemRef?: string[];
  domainRef?: string[];
  kind?: string[];
  level?: string[];
  /** With `state`: entities where this guardrail is in that state. */
  guardrailId?: string;
  state?: GuardrailState[];
  text?: string;
  orderBy: ScoreSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const SORT_COLUMNS: Record<ScoreSort, string> = {
  score: 's.score',
  title: 's.title',
  level: 's.level_rank',
  failing: 's.fail_count',
};

/** What a page of the scorecard view shows of each entity: a row without its results. */
const PAGE_COLUMNS = [...HEADER_COLUMNS, 'evaluated_at'].map(c => `s.${c}`);

/** `%`, `_` and the escape character itself match literally in a LIKE pattern. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, c => `\\${c}`);

/** The entities matching one state filter: `<guardrail>:<state>` or `*:<state>` tokens. */
function whereStates(
  db: Knex,
  base: Knex.QueryBuilder,
  guardrailId: string | undefined,
  states: GuardrailState[],
) {
  // Results that passed are not indexed by guardrail (most results pass); asking for them
  // reads the entity's results, which only that filter does.
  const scan = guardrailId && states.includes('pass');
  const tokens = states
    .filter(s => !(scan && s === 'pass'))
    .map(s => `${guardrailId ?? '*'}:${s}`);
  base.where(q => {
    if (hasArrays(db)) {
      if (tokens.length) q.orWhereRaw('s.states && ?::text[]', [tokens]);
    } else {
      for (const token of tokens)
        q.orWhereRaw(`s.states LIKE ? ESCAPE '\\'`, [
          `%|${escapeLike(token)}|%`,
        ]);
    }
    if (scan)
      q.orWhereRaw(`s.results LIKE ? ESCAPE '\\'`, [
        `%${escapeLike(
          JSON.stringify({ g: guardrailId, s: 'pass' }).slice(1, -1),
        )}%`,
      ]);
  });
}

/** How many rows a query matches. */
const countOf = async (q: Knex.QueryBuilder) =>
  Number((await q.count({ count: '*' }))[0].count ?? 0);

/** The entity rows a query's filters match, and whether it has any. */
function matching(db: Knex, query: ScoreQuery) {
  const base = db('autonomy_entity_scores as s');
  let filtered = false;
  const inList = (column: string, values?: string[]) => {
    if (values?.length) {
      base.whereIn(column, values);
      filtered = true;
    }
  };
  inList('s.owner_ref', query.ownerRef);
  inList('s.system_ref', query.systemRef);
  inList('s.domain_ref', query.domainRef);
  inList('s.kind', query.kind);
  if (query.level?.length) {
    filtered = true;
    const none = query.level.includes('none');
    const levels = query.level.filter(l => l !== 'none');
    base.where(q => {
      if (levels.length) q.whereIn('s.level', levels);
      if (none) q.orWhereNull('s.level');
    });
  }
  if (query.text) {
    filtered = true;
    const texts = [query.text.toLocaleLowerCase('en-US')];
    // SQLite's LOWER and LIKE fold the case of ASCII letters only, as PostgreSQL's LOWER does in
    // a database of the C locale: a text with other letters is looked for in capitals too, which
    // finds "Überweisungen" by "über" (the letters outside ASCII of the part found all in one
    // case, as a title usually has them).
    if (/\P{ASCII}/u.test(query.text))
      texts.push(query.text.toLocaleUpperCase('en-US'));
    base.where(q => {
      for (const text of texts) {
        const like = `%${escapeLike(text)}%`;
        q.orWhereRaw(`LOWER(s.title) LIKE ? ESCAPE '\\'`, [like]).orWhereRaw(
          `LOWER(s.entity_ref) LIKE ? ESCAPE '\\'`,
          [like],
        );
      }
    });
  }
  if (query.state?.length) {
    filtered = true;
    whereStates(db, base, query.guardrailId, query.state);
  } else if (query.guardrailId) {
    // Every state: the tokens of those that did not pass, and the results of the rows left (see
    // whereStates). A search of every row's results for the guardrail's id could not be
    // estimated, and PostgreSQL read the whole table for the first page (0.4 s at 100,000).
    filtered = true;
    whereStates(db, base, query.guardrailId, GUARDRAIL_STATES);
  }
  return { base, filtered };
}

/**
 * How many entities have one guardrail in one of the query's states (any state without one),
 * from the stored heat map: teams × guardrails × states, moved in the transactions that change
 * the entity rows and counted again whole where it might have drifted (see applyStagedRun.ts).
 * A count of the rows themselves reads every matching row: 57,794 of 87,120 entities failing one
 * guardrail took PostgreSQL 130-210 ms. What the heat map leaves out is counted from the rows,
 * through indexes: entities without an owner (usually few), and opted-out results. Undefined
 * when the query filters by anything but guardrail, states and teams.
 */
async function countFromHeatmap(
  db: Knex,
  query: ScoreQuery,
): Promise<number | undefined> {
  const { guardrailId, ownerRef } = query;
  const others =
    query.systemRef?.length ||
    query.domainRef?.length ||
    query.kind?.length ||
    query.level?.length ||
    query.text;
  if (others || !guardrailId) return undefined;
  const states = query.state?.length ? query.state : GUARDRAIL_STATES;
  const inHeatmap = states.filter(s => s !== 'not-applicable');
  const rows = async (state: GuardrailState[], unowned: boolean) => {
    const { base } = matching(db, { ...query, state });
    if (unowned) base.whereNull('s.owner_ref');
    return countOf(base);
  };
  const cells = async () => {
    const sum = db('autonomy_heatmap')
      .where({ guardrail_id: guardrailId })
      .whereIn('state', inHeatmap)
      .sum({ count: 'count' });
    if (ownerRef?.length) sum.whereIn('owner_ref', ownerRef);
    return Number((await sum)[0]?.count ?? 0);
  };
  // One query after another: they share the page's transaction, and its connection.
  let count = 0;
  if (inHeatmap.length) count += await cells();
  // An owner filter leaves out the entities without one already.
  if (inHeatmap.length && !ownerRef?.length)
    count += await rows(inHeatmap, true);
  if (inHeatmap.length < states.length)
    count += await rows(['not-applicable'], false);
  return count;
}

/** How many entities are evaluated: the organisation roll-up, not a count of the catalog. */
async function evaluatedCount(db: Knex) {
  const org = await db<RollupRow>('autonomy_rollups')
    .where({ scope_type: 'org', scope_ref: 'org' })
    .first('entity_count');
  return Number(org?.entity_count ?? 0);
}

/**
 * A page of the scorecard view and how many entities match it. On PostgreSQL the page's
 * entities are found first by their sort column and ref alone, then read: a page deep in a large
 * match then walks the sort index without reading the rows it skips (the 2,000th page by title
 * took 300 ms read whole, its entity rows being kilobytes with their results inline, and 5 ms
 * so). SQLite reads such a page from the index as it is (2 ms), and planned the join as a scan.
 */
export async function listScorePage(db: Knex, query: ScoreQuery) {
  // The total and the page in one snapshot: both of the analysis before a run's apply, or both
  // of the one after it, never one of each. On SQLite a transaction's reads see one snapshot.
  // It costs PostgreSQL 0.4-2.4 ms more a page at 100,000 entities than reading the total and
  // the page apart on two connections (bench/scale/pages.ts, medians).
  return db.transaction(
    tx => readScorePage(tx, query),
    hasArrays(db)
      ? { isolationLevel: 'repeatable read', readOnly: true }
      : undefined,
  );
}

async function readScorePage(db: Knex, query: ScoreQuery) {
  const { base, filtered } = matching(db, query);
  const column = SORT_COLUMNS[query.orderBy];
  const desc = query.order === 'desc';
  // Only the score can be missing; a NULLS clause on another column would keep PostgreSQL from
  // reading its index in order.
  let nulls = '';
  if (column === 's.score') nulls = desc ? ' NULLS LAST' : ' NULLS FIRST';
  // Entities without a score sort lowest, and the ref breaks ties in the same direction: each
  // order is then an index read forwards or backwards (see the migration
  // 20261127140000_scorecard_sort_indexes), not a sort of every matching row.
  const ordered = (q: Knex.QueryBuilder) =>
    q
      .orderByRaw(`${column} ${desc ? 'DESC' : 'ASC'}${nulls}`)
      .orderBy('s.entity_ref', desc ? 'desc' : 'asc');
  const columns = [
    ...PAGE_COLUMNS,
    lastRunQuery(db, 'guardrails').as('last_run_at'),
  ];
  const page = (q: Knex.QueryBuilder) =>
    ordered(q).limit(query.limit).offset(query.offset);
  const read = hasArrays(db)
    ? ordered(
        db('autonomy_entity_scores as s')
          .join(
            page(base.clone().select('s.entity_ref')).as('p'),
            'p.entity_ref',
            's.entity_ref',
          )
          .select(...columns),
      )
    : page(base.clone().select(...columns));
  const total = filtered
    ? (await countFromHeatmap(db, query)) ?? (await countOf(base.clone()))
    : await evaluatedCount(db);
  const rows: (EntityScoreRow & { last_run_at: string | null })[] = await read;
  return {
    items: rows.map(r => toScore(r, r.last_run_at ?? undefined)),
    total,
  };
}
