import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import type { GuardrailSet } from '../domain/guardrails/guardrailSet';
import { guardrailDef } from '../testUtils/guardrailFixtures';
import { openStores } from '../testUtils/openStores';
import type { Stores } from './createStores';
import { recordAppliedSet } from './DatabaseGuardrailSetStore';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const setOf = (id: string): GuardrailSet => ({
  definitions: [guardrailDef(id, { fact: 'owner.isTeam', equals: true })],
  optOuts: [],
  tightenings: [],
  problems: [],
});
const at = (day: string) => new Date(`${day}T10:00:00Z`);

describe.each(databases.eachSupportedId())(
  'guardrail set store on %p',
  (id: TestDatabaseId) => {
    let knex: Knex;
    let stores: Stores;

    beforeAll(async () => {
      ({ knex, stores } = await openStores(databases, id));
    });

    const heatmap = async (cells: [string, string, number][]) => {
      await knex('autonomy_heatmap').delete();
      if (cells.length)
        await knex('autonomy_heatmap').insert(
          cells.map(([guardrail_id, state, count]) => ({
            owner_ref: 'group:default/t',
            guardrail_id,
            state,
            count,
          })),
        );
    };
    const apply = (fingerprint: string | undefined, day: string) =>
      knex.transaction(tx => recordAppliedSet(tx, fingerprint, at(day), day));

    it('keeps sets by fingerprint; readers see the one a run applied, not one still being evaluated', async () => {
      const store = stores.guardrailSets;
      expect(await store.appliedFingerprint()).toBeUndefined();
      await store.save('fp-a', setOf('a'), at('2026-11-20'));
      await store.save('fp-b', setOf('b'), at('2026-11-21'));
      expect((await store.latest())?.fingerprint).toBe('fp-b');
      expect(await store.get('fp-a')).toEqual(setOf('a'));
      await heatmap([]);
      await apply('fp-a', '2026-11-21');
      expect(await store.appliedFingerprint()).toBe('fp-a');
      expect((await store.applied())?.definitions[0].id).toBe('a');
      // Saved again (the same set built by a later run): it is the newest again.
      await store.save('fp-a', setOf('a'), at('2026-11-22'));
      expect((await store.latest())?.fingerprint).toBe('fp-a');
    });

    it('keeps the applied set and the newest ones, and drops older ones', async () => {
      const store = stores.guardrailSets;
      for (let i = 0; i < 12; i++)
        await store.save(
          `fp-${i}`,
          setOf(`g${i}`),
          new Date(Date.UTC(2026, 11, 1, i)),
        );
      const kept = (await knex('autonomy_guardrail_sets').select('fingerprint'))
        .map(r => r.fingerprint)
        .sort();
      expect(kept).toHaveLength(11);
      expect(kept).toContain('fp-a');
      expect(kept).not.toContain('fp-0');
    });

    it("records each guardrail's results as change points and reads them back a point a day", async () => {
      await heatmap([
        ['x', 'pass', 3],
        ['x', 'fail', 1],
        ['x', 'not-applicable', 5],
      ]);
      expect(await apply(undefined, '2026-11-23')).toBe(1);
      // Nothing changed: nothing written.
      expect(await apply(undefined, '2026-11-24')).toBe(0);
      await heatmap([
        ['x', 'pass', 3],
        ['x', 'exempt', 1],
      ]);
      expect(await apply(undefined, '2026-11-25')).toBe(1);
      // Gone from every team: one point saying so.
      await heatmap([]);
      expect(await apply(undefined, '2026-11-26')).toBe(1);
      expect(
        await stores.guardrailSets.history('x', '2026-11-22', '2026-11-26'),
      ).toEqual([
        { day: '2026-11-23', total: 4, met: 3, metShare: 0.75 },
        { day: '2026-11-24', total: 4, met: 3, metShare: 0.75 },
        { day: '2026-11-25', total: 4, met: 4, metShare: 1 },
        { day: '2026-11-26', total: 0, met: 0, metShare: null },
      ]);
    });
  },
);
