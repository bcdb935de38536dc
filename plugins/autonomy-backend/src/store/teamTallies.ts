import type { Knex } from 'knex';
import { MET_STATES, type GuardrailTallies } from '../domain/guardrails/halves';
import { whereAnyOf } from './analysisRuns';
import { syncRows } from './syncRows';

/**
 * Each team's results per guardrail (`tallyCells` over its heat-map cells, added up by the
 * database), stored one row per team: a page of team roll-ups reads 20 rows, where adding up
 * their 2,000 cells per request cost 3.7-4.6 ms of PostgreSQL time at 100,000 entities. The
 * heat map keeps them (see syncHeatmap); readers split them into halves with their set.
 */
export async function syncTeamTallies(
  tx: Knex.Transaction,
  ownerRefs?: string[],
) {
  const list = MET_STATES.map(() => '?').join(', ');
  const grouped = tx('autonomy_heatmap')
    .select(
      'owner_ref',
      'guardrail_id',
      tx.raw('SUM(count) AS results'),
      tx.raw(
        `SUM(CASE WHEN state IN (${list}) THEN count ELSE 0 END) AS met`,
        MET_STATES,
      ),
    )
    .where('count', '>', 0)
    .andWhereNot('state', 'not-applicable')
    .groupBy('owner_ref', 'guardrail_id')
    .orderBy(['owner_ref', 'guardrail_id']);
  if (ownerRefs) whereAnyOf(grouped, 'owner_ref', ownerRefs);
  const byOwner = new Map<string, GuardrailTallies>();
  for (const row of await grouped) {
    const tallies: GuardrailTallies =
      byOwner.get(row.owner_ref) ?? Object.create(null);
    tallies[row.guardrail_id] = [Number(row.results), Number(row.met)];
    byOwner.set(row.owner_ref, tallies);
  }
  const rows = [...byOwner].map(([owner_ref, tallies]) => ({
    owner_ref,
    tallies: JSON.stringify(tallies),
  }));
  return syncRows(tx, 'autonomy_team_tallies', rows, {
    key: ['owner_ref'],
    scope: ownerRefs ? q => q.whereIn('owner_ref', ownerRefs) : undefined,
  });
}

/** A team's stored tallies as read with its roll-up: none when it has no results. */
export const parseTallies = (text: string | null | undefined) =>
  (text ? JSON.parse(text) : {}) as GuardrailTallies;
