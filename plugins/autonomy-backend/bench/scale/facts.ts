import type { Knex } from 'knex';
import { raiseVersions } from '../../src/store/DatabaseFactStore';
import { batchSize } from '../../src/store/analysisRuns';
import { fieldName, FIELDS, SOURCES, value } from '../world';
import { isChangedLeaf } from './entities';
import { componentRef, isComponentLeaf, type Org } from './org';

/** The pushed facts of one component leaf: world.ts's values, moved for changed leaves. */
export function factValues(leaf: number, source: number, generation: number) {
  const shifted = isChangedLeaf(leaf) ? leaf + 13 * generation : leaf;
  const values: Record<string, number> = {};
  for (let f = 0; f < FIELDS; f++)
    values[fieldName(source, f)] = value(shifted, source, f);
  return values;
}

/**
 * Writes the pushed facts of every component (or, with `onlyChanged`, of the 1% the mutation
 * touches) straight into autonomy_pushed_facts, in multi-row statements in one transaction.
 * Setup, not measured.
 */
export async function writePushedFacts(
  db: Knex,
  org: Org,
  generation: number,
  onlyChanged = false,
) {
  const at = new Date().toISOString();
  const size = batchSize(db);
  let written = 0;
  await db.transaction(async tx => {
    let rows: object[] = [];
    const flush = async () => {
      if (!rows.length) return;
      await tx('autonomy_pushed_facts')
        .insert(rows)
        .onConflict(['entity_ref', 'source'])
        .merge();
      // As the fact store does for a push: the run sees these entities' facts changed.
      await raiseVersions(tx, [
        ...new Set(rows.map(r => (r as { entity_ref: string }).entity_ref)),
      ]);
      written += rows.length;
      rows = [];
    };
    for (let l = 0; l < org.leaves; l++) {
      if (!isComponentLeaf(l) || (onlyChanged && !isChangedLeaf(l))) continue;
      for (let s = 0; s < SOURCES; s++) {
        rows.push({
          entity_ref: componentRef(l),
          source: `src${s}`,
          fact_values: JSON.stringify(factValues(l, s, generation)),
          observed_at: at,
          received_at: at,
        });
      }
      if (rows.length >= size) await flush();
    }
    await flush();
  });
  return written;
}
