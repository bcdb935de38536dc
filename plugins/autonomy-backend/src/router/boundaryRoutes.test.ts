import request from 'supertest';
import { evaluatedAt } from '../testUtils/apiFixtures';
import { serveRoutes, statusesOf } from './__testUtils__/serveRoutes';

const load = {
  ownedEntities: 3,
  members: 2,
  perMember: 1.5,
  inboundDependencies: 1,
  outboundDependencies: 0,
};
const dependency = {
  fromRef: 'component:default/a',
  toRef: 'api:default/b',
  fromTeamRef: 'group:default/one',
  toTeamRef: 'group:default/two',
  via: 'api' as const,
  health: 'contract-gap' as const,
  fix: 'Declare an SLA on api:default/b',
};

describe('boundaryRoutes', () => {
  const boundaries = {
    entityBoundaries: jest.fn(async (entityRef: string) => ({
      entityRef,
      ownerRef: 'group:default/one',
      outbound: [dependency],
      inbound: [],
      problems: [],
      evaluatedAt,
    })),
    teamBoundaries: jest.fn(async (teamRef: string) => ({
      teamRef,
      teamApi: { teamType: 'platform' as const, interactions: [] },
      load,
      expiredCollaborations: [
        { teamRef: 'group:default/two', endsOn: '2026-01-31' },
      ],
      outbound: [],
      inbound: [dependency],
      problems: [],
      evaluatedAt,
    })),
    teamAutonomy: jest.fn(async (teamRef: string) => ({
      teamRef,
      level: { id: 'guided', title: 'Guided' },
      nextLevel: {
        id: 'trusted',
        title: 'Trusted',
        missing: ['no boundary violations (now 2)'],
        wouldBecomeLocal: ['New dependency'],
      },
      decisions: [
        {
          decisionId: 'new-dependency',
          title: 'New dependency',
          scope: 'design-review' as const,
          defaultScope: 'design-review' as const,
        },
      ],
      record: {
        services: 3,
        servicesByLevel: { bronze: 2, none: 1 },
        boundaryViolations: 2,
        openExemptions: 0,
      },
      load,
      evaluatedAt,
    })),
    map: jest.fn(async () => ({
      teams: [{ teamRef: 'group:default/one', title: 'One', ownedEntities: 3 }],
      edges: [
        {
          fromTeamRef: 'group:default/one',
          toTeamRef: 'group:default/two',
          healthy: 1,
          contractGap: 0,
          violation: 2,
        },
      ],
      evaluatedAt,
    })),
    gaps: jest.fn(async () => ({
      items: [
        {
          type: 'no-owner' as const,
          entityRef: 'component:default/orphan',
          message: 'No owner',
        },
      ],
      evaluatedAt,
    })),
  };

  it('answers every boundary read in the shape of the spec, teams being groups', async () => {
    const server = await serveRoutes({ boundaries });
    const paths = [
      '/entities/component/default/a/boundaries',
      '/teams/default/one/boundaries',
      '/teams/default/one/autonomy',
      '/boundaries/map',
      '/ownership-gaps',
    ];
    expect(await statusesOf(server, paths)).toEqual(
      paths.map(path => [path, 200]),
    );
    expect(boundaries.entityBoundaries).toHaveBeenCalledWith(
      'component:default/a',
    );
    expect(boundaries.teamBoundaries).toHaveBeenCalledWith('group:default/one');
    expect(boundaries.teamAutonomy).toHaveBeenCalledWith('group:default/one');
  });

  it('refuses a path segment longer than an entity name may be', async () => {
    const server = await serveRoutes({ boundaries });
    const res = await request(server).get(
      `/teams/default/${'x'.repeat(64)}/boundaries`,
    );
    expect([res.status, res.body.error.message]).toEqual([
      400,
      expect.stringMatching(
        /^request\/params\/name must NOT have more than 63/,
      ),
    ]);
  });
});
