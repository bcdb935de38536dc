import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import type { ScoredEntity } from '../domain/guardrails/evaluateCatalog';
import { historyPoints } from '../domain/guardrails/history';
import { emptyStateCounts } from '@aligned-autonomy/plugin-autonomy-common';
import { createStores, type Stores } from './createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

function scored(
  name: string,
  overrides: Partial<ScoredEntity> = {},
): ScoredEntity {
  const counts = { ...emptyStateCounts(), pass: 2, fail: 1 };
  return {
    entityRef: `component:default/${name}`,
    kind: 'component',
    title: name,
    ownerRef: 'group:default/team-a',
    systemRef: 'system:default/shop',
    domainRef: 'domain:default/commerce',
    level: 'bronze',
    levelIndex: 0,
    score: 66.7,
    counts,
    failingGuardrailIds: ['runbook'],
    blockingNext: ['runbook'],
    results: [
      {
        guardrailId: 'owner',
        state: 'pass',
        facts: [{ id: 'owner.isTeam', value: true, source: 'catalog' }],
      },
      { guardrailId: 'mission', state: 'pass', facts: [] },
      {
        guardrailId: 'runbook',
        state: 'fail',
        message: 'expected runbook is set',
        facts: [],
      },
    ],
    ...overrides,
  };
}

const NOW = new Date('2026-11-21T12:00:00Z');

describe.each(databases.eachSupportedId())(
  'guardrail stores on %p',
  (id: TestDatabaseId) => {
    let knex: Knex;
    let stores: Stores;

    beforeAll(async () => {
      knex = await databases.init(id);
      stores = await createStores({ getClient: async () => knex });
    });

    beforeEach(async () => {
      for (const table of [
        'autonomy_guardrail_results',
        'autonomy_entity_scores',
        'autonomy_score_history',
        'autonomy_exemptions',
        'autonomy_pushed_facts',
      ]) {
        await knex(table).delete();
      }
      const entities = [
        scored('a'),
        scored('b', {
          ownerRef: 'group:default/team-b',
          level: 'gold',
          levelIndex: 2,
          score: 100,
          counts: { ...emptyStateCounts(), pass: 3 },
          failingGuardrailIds: [],
          results: [{ guardrailId: 'owner', state: 'pass', facts: [] }],
        }),
        scored('c', {
          level: null,
          levelIndex: -1,
          score: null,
          systemRef: undefined,
          domainRef: undefined,
          results: [{ guardrailId: 'runbook', state: 'unknown', facts: [] }],
        }),
      ];
      await stores.guardrails.replaceAll({
        entities,
        evaluatedAt: NOW,
        history: historyPoints(entities, '2026-11-21'),
        pruneBeforeDay: '2025-11-21',
      });
    });

    it('reads back an entity’s score and results', async () => {
      const score = await stores.guardrails.getScore('component:default/a');
      expect(score).toMatchObject({
        level: 'bronze',
        score: 66.7,
        ownerRef: 'group:default/team-a',
        failingGuardrailIds: ['runbook'],
        evaluatedAt: NOW.toISOString(),
      });
      expect(score?.counts).toEqual({
        ...emptyStateCounts(),
        pass: 2,
        fail: 1,
      });
      const results = await stores.guardrails.getResults('component:default/a');
      expect(results).toHaveLength(3);
      expect(results.find(r => r.guardrailId === 'owner')?.facts).toEqual([
        { id: 'owner.isTeam', value: true, source: 'catalog' },
      ]);
      expect(await stores.guardrails.getEvaluatedAt()).toBe(NOW.toISOString());
    });

    it('filters, sorts and pages scores on the server', async () => {
      const page = (query: object) =>
        stores.guardrails.listScores({
          orderBy: 'title',
          order: 'asc',
          limit: 10,
          offset: 0,
          ...query,
        });
      expect(
        (await page({ ownerRef: ['group:default/team-a'] })).items.map(
          i => i.title,
        ),
      ).toEqual(['a', 'c']);
      expect((await page({ level: ['none'] })).items.map(i => i.title)).toEqual(
        ['c'],
      );
      expect((await page({ level: ['gold', 'none'] })).total).toBe(2);
      expect(
        (await page({ guardrailId: 'runbook', state: ['fail'] })).items.map(
          i => i.title,
        ),
      ).toEqual(['a']);
      expect(
        (await page({ state: ['unknown'] })).items.map(i => i.title),
      ).toEqual(['c']);
      expect((await page({ text: 'B' })).items.map(i => i.title)).toEqual([
        'b',
      ]);
      expect(
        (await page({ orderBy: 'score', order: 'desc' })).items.map(
          i => i.title,
        ),
      ).toEqual(['b', 'a', 'c']);
      const second = await page({ limit: 1, offset: 1 });
      expect([second.total, second.items.map(i => i.title)]).toEqual([
        3,
        ['b'],
      ]);
    });

    it('aggregates roll-ups per team, system and the organisation', async () => {
      const teams = await stores.guardrails.rollups(
        'owner',
        ['bronze', 'silver', 'gold'],
        { limit: 10, offset: 0 },
      );
      expect(teams.total).toBe(2);
      expect(teams.items[0]).toMatchObject({
        ref: 'group:default/team-a',
        entityCount: 2,
        averageScore: 66.7,
        levelCounts: { bronze: 1, silver: 0, gold: 0, none: 1 },
      });
      expect(teams.items[0].stateCounts).toMatchObject({ pass: 4, fail: 2 });
      const systems = await stores.guardrails.rollups(
        'system',
        ['bronze', 'silver', 'gold'],
        { limit: 10, offset: 0 },
      );
      expect(systems.items.map(s => [s.ref, s.entityCount])).toEqual([
        ['system:default/shop', 2],
      ]);
      const org = await stores.guardrails.rollups(
        undefined,
        ['bronze', 'silver', 'gold'],
        { limit: 10, offset: 0 },
      );
      expect(org.items).toEqual([
        expect.objectContaining({
          ref: 'org',
          entityCount: 3,
          averageScore: 83.4,
        }),
      ]);
    });

    it('keeps daily history per entity, team and org, upserting today and pruning old days', async () => {
      expect(
        await stores.guardrails.history('org', 'org', '2026-01-01'),
      ).toEqual([
        {
          day: '2026-11-21',
          score: 83.4,
          entityCount: 3,
          levelCounts: { bronze: 1, gold: 1, none: 1 },
        },
      ]);
      const later = [scored('a', { score: 100 })];
      await knex('autonomy_score_history').insert({
        day: '2024-01-01',
        scope_type: 'org',
        scope_ref: 'org',
        score: 1,
        entity_count: 1,
        level_counts: '{}',
      });
      await stores.guardrails.replaceAll({
        entities: later,
        evaluatedAt: NOW,
        history: historyPoints(later, '2026-11-21'),
        pruneBeforeDay: '2025-11-21',
      });
      const points = await stores.guardrails.history(
        'org',
        'org',
        '2000-01-01',
      );
      expect(points.map(p => [p.day, p.score])).toEqual([['2026-11-21', 100]]);
      expect(
        (
          await stores.guardrails.history(
            'team',
            'group:default/team-a',
            '2026-01-01',
          )
        )[0].entityCount,
      ).toBe(1);
    });

    it('keeps the previous complete results when a run fails half-way', async () => {
      const broken = [scored('x'), { ...scored('y'), title: null as any }];
      await expect(
        stores.guardrails.replaceAll({
          entities: broken,
          evaluatedAt: new Date('2026-11-22T00:00:00Z'),
          history: [],
          pruneBeforeDay: '2025-01-01',
        }),
      ).rejects.toMatchObject({
        // The driver's own error class may come from another realm, so match the message.
        message: expect.stringMatching(/not[ -]null|value too long|NOT NULL/i),
      });
      expect(await stores.guardrails.getEvaluatedAt()).toBe(NOW.toISOString());
      expect(
        await stores.guardrails.getScore('component:default/a'),
      ).toBeDefined();
      expect(
        await stores.guardrails.getScore('component:default/x'),
      ).toBeUndefined();
    });

    it('replaces one entity without touching the others', async () => {
      await stores.guardrails.replaceEntity(
        'component:default/a',
        scored('a', {
          score: 90,
          results: [{ guardrailId: 'owner', state: 'pass', facts: [] }],
        }),
        NOW,
      );
      expect(
        (await stores.guardrails.getScore('component:default/a'))?.score,
      ).toBe(90);
      expect(
        await stores.guardrails.getResults('component:default/a'),
      ).toHaveLength(1);
      await stores.guardrails.replaceEntity(
        'component:default/b',
        undefined,
        NOW,
      );
      expect(
        await stores.guardrails.getScore('component:default/b'),
      ).toBeUndefined();
      expect(
        await stores.guardrails.getScore('component:default/c'),
      ).toBeDefined();
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
      for (let round = 0; round < 3; round++) {
        await knex('autonomy_pushed_facts').delete();
        const times = Array.from(
          { length: 50 },
          (_, i) => new Date(Date.UTC(2026, 10, 1, 0, i)),
        ).sort(() => Math.random() - 0.5);
        const stored = await Promise.all(
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
