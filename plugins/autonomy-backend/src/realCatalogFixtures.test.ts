import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { specCheckedBackend } from './__testUtils__/specCheckedServer';
import { startAutonomyBackend } from './__testUtils__/startAutonomyBackend';
import { loadCatalogFixture } from './testUtils/loadCatalogFixture';

// Every view on two public, real-looking catalogs, as a first day finds them: no guardrail
// configured yet. The 150-team map answered here is what the browser test draws
// (packages/app/e2e-tests/fixtures/boundary-map-150-teams.json); after changing the fixture or
// the analysis, write it again with UPDATE_E2E_FIXTURES=1.

jest.setTimeout(120_000);

const MAP_FIXTURE = resolve(
  __dirname,
  '../../../packages/app/e2e-tests/fixtures/boundary-map-150-teams.json',
);
const user = mockCredentials.user.header('user:default/guest');

async function analysed(entities: Entity[]) {
  const server = await startAutonomyBackend({ entities, config: {} });
  const checked = await specCheckedBackend(server);
  await request(checked)
    .post('/api/autonomy/refresh')
    .set('Authorization', user)
    .expect(202);
  return async (path: string) => {
    const res = await request(checked)
      .get(`/api/autonomy${path}`)
      .set('Authorization', user);
    expect([path, res.status]).toEqual([path, 200]);
    return res.body;
  };
}

describe('a generated real-catalog-like organisation of 150 teams', () => {
  it('maps its few cross-team edges, every team with its department', async () => {
    const get = await analysed(
      loadCatalogFixture('real-catalog-150-teams.yaml'),
    );
    const map = await get('/boundaries/map');
    expect(map.teams).toHaveLength(150);
    expect(map.teams.every((t: any) => t.department?.title)).toBe(true);
    expect(new Set(map.teams.map((t: any) => t.department.ref)).size).toBe(12);
    expect(map.edges).toHaveLength(8);
    const total = (key: string) =>
      map.edges.reduce((sum: number, e: any) => sum + e[key], 0);
    expect([
      total('healthy'),
      total('contractGap'),
      total('violation'),
    ]).toEqual([4, 2, 2]);

    const { evaluatedAt, ...answer } = map;
    if (process.env.UPDATE_E2E_FIXTURES)
      writeFileSync(MAP_FIXTURE, `${JSON.stringify(answer, null, 2)}\n`);
    expect(answer).toEqual(JSON.parse(readFileSync(MAP_FIXTURE, 'utf8')));

    expect(
      await get('/entities/component/default/data-cart-3-svc-0/scorecard'),
    ).toMatchObject({ status: 'no-guardrails-configured' });
    expect((await get('/ownership-gaps')).items).toEqual([]);
  });
});

describe("Backstage's example organisation", () => {
  it('shows its ownership gaps, no cross-team edge, and no scorecard until guardrails exist', async () => {
    const get = await analysed(
      loadCatalogFixture('backstage-example-org.yaml'),
    );
    const map = await get('/boundaries/map');
    expect(map.teams.map((t: any) => [t.teamRef, t.department?.title])).toEqual(
      [
        ['group:default/team-a', 'backstage'],
        ['group:default/team-b', 'backstage'],
        ['group:default/team-c', 'boxoffice'],
      ],
    );
    expect(map.edges).toEqual([]);
    const gaps = (await get('/ownership-gaps')).items.map((g: any) => [
      g.type,
      g.entityRef,
    ]);
    expect(gaps).toEqual(
      expect.arrayContaining([
        ['person-owner', 'component:default/playback-order'],
        ['missing-owner', 'component:default/petstore'],
        ['missing-owner', 'system:default/podcast'],
      ]),
    );
    expect(
      await get('/entities/component/default/artist-lookup/scorecard'),
    ).toMatchObject({ status: 'no-guardrails-configured' });
    expect((await get('/missions')).missions).toEqual([]);
  });
});
