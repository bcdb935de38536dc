import { NotFoundError } from '@backstage/errors';
import type { MissionSummary } from '@aligned-autonomy/plugin-autonomy-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { evaluatedAt } from '../testUtils/apiFixtures';
import { serveRoutes, statusesOf } from './__testUtils__/serveRoutes';

const northStar: MissionSummary = {
  ref: 'mission:default/north-star',
  title: 'North star',
  ownerRef: 'group:default/org',
  statement: 'Delight',
  why: 'Because',
  stale: false,
  successMetrics: [{ name: 'NPS', target: 60, direction: 'increase' }],
};

describe('missionRoutes', () => {
  const missions = {
    getTree: jest.fn(async () => ({
      missions: [northStar],
      rootRefs: [northStar.ref],
      problems: [],
      evaluatedAt,
    })),
    getStale: jest.fn(async () => ({ items: [], evaluatedAt })),
    getTeamsWithoutMission: jest.fn(async () => ({
      items: [{ teamRef: 'group:default/a', title: 'A' }],
      evaluatedAt,
    })),
    getBrokenChains: jest.fn(async () => ({
      items: [
        {
          entityRef: 'component:default/x',
          kind: 'component',
          problem: { type: 'no-mission' as const, message: 'No mission' },
        },
      ],
      total: 1,
      evaluatedAt,
    })),
    getChain: jest.fn(async (ref: string) => {
      if (ref === 'component:default/nope') throw new NotFoundError(ref);
      return {
        entityRef: ref,
        chain: [northStar],
        missionProblems: [],
        evaluatedAt,
      };
    }),
  };

  beforeEach(() => jest.clearAllMocks());

  it('answers every mission read in the shape of the spec', async () => {
    const server = await serveRoutes({ missions });
    const paths = [
      '/missions',
      '/missions/stale',
      '/missions/teams-without-mission',
      '/missions/broken-chains',
      '/entities/component/default/x/mission-chain',
    ];
    expect(await statusesOf(server, paths)).toEqual(
      paths.map(path => [path, 200]),
    );
    expect(missions.getChain).toHaveBeenCalledWith('component:default/x');
  });

  it('passes the validated page on, with numbers as numbers', async () => {
    const server = await serveRoutes({ missions });
    await request(server)
      .get('/missions/broken-chains?limit=10&offset=20')
      .expect(200);
    expect(missions.getBrokenChains).toHaveBeenLastCalledWith(
      expect.objectContaining({ limit: 10, offset: 20 }),
    );
  });

  it('refuses a page outside its bounds, naming the parameter', async () => {
    const server = await serveRoutes({ missions });
    for (const query of [
      'limit=0',
      'limit=501',
      'limit=abc',
      'offset=-1',
      'offset=1000001',
      'offset=Infinity',
      'limit=Infinity',
      'offset=1e400',
      'offset=9223372036854775808',
    ]) {
      const res = await request(server).get(`/missions/broken-chains?${query}`);
      expect([query, res.status, res.body.error.message]).toEqual([
        query,
        400,
        expect.stringMatching(/^request\/query\/(limit|offset) /),
      ]);
    }
  });

  it('answers 404 from the service and 403 when the policy denies', async () => {
    const server = await serveRoutes({ missions });
    await request(server)
      .get('/entities/component/default/nope/mission-chain')
      .expect(404);
    const denied = await serveRoutes(
      { missions },
      { permission: AuthorizeResult.DENY },
    );
    const res = await request(denied).get('/missions');
    expect([res.status, res.body.error.name]).toEqual([403, 'NotAllowedError']);
    expect(missions.getTree).not.toHaveBeenCalled();
  });
});
