import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { buildSnapshot } from '../domain/catalogSnapshot';
import { analyzeBoundaries } from '../domain/boundaries/analyzeBoundaries';
import { entity } from '../testUtils/catalogFixtures';
import type { Stores } from './createStores';
import { openStores } from '../testUtils/openStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const catalog = [
  entity('Group', 'checkout', {
    type: 'team',
    members: ['maya'],
    annotations: { 'aligned-autonomy.io/team-type': 'stream-aligned' },
  }),
  entity('Group', 'inventory', { type: 'team', members: ['ann'] }),
  entity('API', 'inventory-api', { owner: 'inventory' }),
  entity('Resource', 'inventory-db', { owner: 'inventory' }),
  entity('Component', 'checkout-service', {
    owner: 'checkout',
    consumesApis: ['inventory-api'],
    dependsOn: ['resource:default/inventory-db', 'component:default/gone'],
  }),
  entity('Component', 'orphan', {}),
];

describe.each(databases.eachSupportedId())(
  'DatabaseBoundaryStore on %p',
  (id: TestDatabaseId) => {
    let stores: Stores;

    beforeAll(async () => {
      ({ stores } = await openStores(databases, id));
      await stores.boundaries.replaceAnalysis(
        analyzeBoundaries(buildSnapshot(catalog), '2026-11-21'),
        new Date('2026-11-21T10:00:00Z'),
      );
    });

    it('reads dependencies by entity and by team, in both directions', async () => {
      const service = await stores.boundaries.dependencies([
        'component:default/checkout-service',
      ]);
      expect(service.outbound.map(d => [d.toRef, d.health])).toEqual([
        ['api:default/inventory-api', 'contract-gap'],
        ['resource:default/inventory-db', 'violation'],
      ]);
      expect(service.inbound).toEqual([]);
      const inventory = await stores.boundaries.dependencies(
        ['group:default/inventory'],
        true,
      );
      expect(inventory.inbound).toHaveLength(2);
      expect(inventory.outbound).toEqual([]);
    });

    it('aggregates team-to-team edges for the map', async () => {
      expect(await stores.boundaries.teamEdges()).toEqual([
        {
          fromTeamRef: 'group:default/checkout',
          toTeamRef: 'group:default/inventory',
          healthy: 0,
          contractGap: 1,
          violation: 1,
        },
      ]);
    });

    it('keeps teams, problems, gaps and facts', async () => {
      expect(
        (await stores.boundaries.team('group:default/checkout'))?.teamApi
          .teamType,
      ).toBe('stream-aligned');
      expect((await stores.boundaries.teams()).map(t => t.teamRef)).toEqual([
        'group:default/checkout',
        'group:default/inventory',
      ]);
      expect(
        (
          await stores.boundaries.problems([
            'component:default/checkout-service',
          ])
        ).map(p => p.type),
      ).toEqual(['missing-target']);
      expect(
        (
          await stores.boundaries.problemsMentioning('component:default/gone')
        ).map(p => p.type),
      ).toEqual(['missing-target']);
      expect(
        (await stores.boundaries.gaps()).map(g => [g.type, g.entityRef]),
      ).toEqual([['no-owner', 'component:default/orphan']]);
      expect(
        await stores.boundaries.factsOf('component:default/checkout-service'),
      ).toEqual({ 'boundaries.violations': 1, 'boundaries.contractGaps': 1 });
      expect(await stores.boundaries.getEvaluatedAt()).toBe(
        '2026-11-21T10:00:00.000Z',
      );
    });

    it('replaces the analysis whole', async () => {
      await stores.boundaries.replaceAnalysis(
        analyzeBoundaries(buildSnapshot(catalog.slice(0, 2)), '2026-11-21'),
        new Date('2026-11-22T10:00:00Z'),
      );
      expect(await stores.boundaries.teamEdges()).toEqual([]);
      expect(await stores.boundaries.gaps()).toEqual([]);
      await stores.boundaries.replaceAnalysis(
        analyzeBoundaries(buildSnapshot(catalog), '2026-11-21'),
        new Date('2026-11-21T10:00:00Z'),
      );
    });
  },
);
