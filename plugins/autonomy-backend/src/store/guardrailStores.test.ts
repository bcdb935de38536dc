import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import type { Stores } from './createStores';
import { openStores } from '../testUtils/openStores';
import { scoreRowFixture } from '../testUtils/scoreRowFixture';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const NOW = new Date('2026-11-21T12:00:00Z');

describe.each(databases.eachSupportedId())(
  'exemption and fact stores on %p',
  (id: TestDatabaseId) => {
    let knex: Knex;
    let stores: Stores;

    beforeAll(async () => {
      ({ knex, stores } = await openStores(databases, id));
    });

    beforeEach(async () => {
      for (const table of [
        'autonomy_exemptions',
        'autonomy_pushed_facts',
        'autonomy_entity_scores',
      ]) {
        await knex(table).delete();
      }
      // Exemptions are listed by the owner of their entity, as last evaluated.
      await knex('autonomy_entity_scores').insert(
        [
          ['a', 'group:default/team-a'],
          ['b', 'group:default/team-b'],
        ].map(([name, owner]) =>
          scoreRowFixture(name, NOW.toISOString(), { owner_ref: owner }),
        ),
      );
    });

    it('creates, lists, expires and revokes exemptions, keeping revoked ones', async () => {
      const request = {
        entityRef: 'component:default/a',
        guardrailId: 'runbook',
        reason: 'Writing it',
        expiresAt: '2026-12-01T00:00:00Z',
      };
      const result = await stores.exemptions.create(
        { ...request, compensatingControl: 'Pager rota' },
        'user:default/maya',
        NOW,
      );
      if (!('created' in result)) throw new Error('not created');
      const created = result.created;
      expect(created).toMatchObject({
        status: 'active',
        createdBy: 'user:default/maya',
        compensatingControl: 'Pager rota',
      });
      const active = await stores.exemptions.activeByEntity(NOW);
      expect(active.get('component:default/a')?.get('runbook')?.id).toBe(
        created.id,
      );
      // It expires by itself.
      const after = new Date('2026-12-02T00:00:00Z');
      expect((await stores.exemptions.get(created.id, after))?.status).toBe(
        'expired',
      );
      expect((await stores.exemptions.activeByEntity(after)).size).toBe(0);
      expect(
        await stores.exemptions.revoke(
          created.id,
          'user:default/ola',
          'late',
          after,
        ),
      ).toBeUndefined();
      // Revoking keeps the record.
      const revoked = await stores.exemptions.revoke(
        created.id,
        'user:default/ola',
        'Runbook done',
        NOW,
      );
      expect(revoked).toMatchObject({
        status: 'revoked',
        revokedBy: 'user:default/ola',
        revokeReason: 'Runbook done',
      });
      expect(
        (await stores.exemptions.list({ guardrailId: 'runbook' }, NOW)).map(
          e => e.status,
        ),
      ).toEqual(['revoked']);
      expect(await stores.exemptions.list({ status: ['active'] }, NOW)).toEqual(
        [],
      );
      expect(
        await stores.exemptions.list({ ownerRef: 'group:default/team-a' }, NOW),
      ).toHaveLength(1);
      expect(
        await stores.exemptions.list({ ownerRef: 'group:default/team-b' }, NOW),
      ).toEqual([]);
    });

    it('lets one exemption per entity and guardrail be active, however many requests race', async () => {
      const request = {
        entityRef: 'component:default/a',
        guardrailId: 'runbook',
        reason: 'Writing it',
        expiresAt: '2026-12-01T00:00:00Z',
      };
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          stores.exemptions.create(request, `user:default/u${i}`, NOW),
        ),
      );
      const created = results.flatMap(r => ('created' in r ? [r.created] : []));
      expect(created).toHaveLength(1);
      // Every other request is told which exemption holds the place.
      expect(
        new Set(results.map(r => ('created' in r ? r.created : r.active).id)),
      ).toEqual(new Set([created[0].id]));
      expect(
        await stores.exemptions.list({ status: ['active'] }, NOW),
      ).toHaveLength(1);
      expect(await stores.exemptions.list({}, NOW)).toHaveLength(1);

      // Another guardrail of the entity is another place.
      expect(
        await stores.exemptions.create(
          { ...request, guardrailId: 'owner' },
          'user:default/maya',
          NOW,
        ),
      ).toHaveProperty('created');

      // Once it has expired, a new one may be created; concurrent ones still make one.
      const later = new Date('2026-12-02T00:00:00Z');
      const renewals = await Promise.all(
        Array.from({ length: 5 }, () =>
          stores.exemptions.create(
            { ...request, expiresAt: '2026-12-20T00:00:00Z' },
            'user:default/maya',
            later,
          ),
        ),
      );
      const renewed = renewals.flatMap(r =>
        'created' in r ? [r.created] : [],
      );
      expect(renewed).toHaveLength(1);
      expect(
        (await stores.exemptions.list({ guardrailId: 'runbook' }, later)).map(
          e => e.status,
        ),
      ).toEqual(['active', 'expired']);

      // Once revoked, too.
      await stores.exemptions.revoke(
        renewed[0].id,
        'user:default/ola',
        'done',
        later,
      );
      expect(
        await stores.exemptions.create(request, 'user:default/maya', NOW),
      ).toHaveProperty('created');
    });

    it('keeps the latest pushed facts per entity and source', async () => {
      await stores.facts.upsert(
        'component:default/a',
        'chaos',
        { passRate: 0.9 },
        new Date('2026-11-01T00:00:00Z'),
        NOW,
      );
      await stores.facts.upsert(
        'component:default/a',
        'chaos',
        { passRate: 0.99, lastRunAt: '2026-11-20T00:00:00Z' },
        new Date('2026-11-20T00:00:00Z'),
        NOW,
      );
      await stores.facts.upsert(
        'component:default/b',
        'chaos',
        { passRate: 0.5 },
        NOW,
        NOW,
      );
      const all = await stores.facts.byEntity();
      expect(all.get('component:default/a')?.get('chaos')).toEqual({
        values: { passRate: 0.99, lastRunAt: '2026-11-20T00:00:00Z' },
        observedAt: '2026-11-20T00:00:00.000Z',
        observedAtMs: Date.parse('2026-11-20T00:00:00Z'),
      });
      expect([
        ...(await stores.facts.byEntity('component:default/b')).keys(),
      ]).toEqual(['component:default/b']);
    });

    it('keeps the newest of concurrent pushes, and says which were stored', async () => {
      const pushAll = (times: Date[]) =>
        Promise.all(
          times.map(t =>
            stores.facts.upsert(
              'component:default/a',
              'chaos',
              { passRate: t.getUTCMinutes() },
              t,
              NOW,
            ),
          ),
        );
      for (let round = 0; round < 3; round++) {
        await knex('autonomy_pushed_facts').delete();
        const times = Array.from(
          { length: 50 },
          (_, i) => new Date(Date.UTC(2026, 10, 1, 0, i)),
        ).sort(() => Math.random() - 0.5);
        const stored = await pushAll(times);
        const newest = new Date(Date.UTC(2026, 10, 1, 0, 49));
        expect(
          (await stores.facts.byEntity())
            .get('component:default/a')
            ?.get('chaos'),
        ).toMatchObject({
          values: { passRate: 49 },
          observedAt: newest.toISOString(),
        });
        expect(
          stored[times.findIndex(t => t.getTime() === newest.getTime())],
        ).toBe(true);
        // A push is refused only when a newer one was already stored; a repeat is refused too.
        expect(
          await stores.facts.upsert(
            'component:default/a',
            'chaos',
            { passRate: 0 },
            newest,
            NOW,
          ),
        ).toBe(false);
      }
    });
  },
);
