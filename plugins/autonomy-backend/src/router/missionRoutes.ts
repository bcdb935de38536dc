import type { MissionService } from '../service/MissionService';
import { entityRefOf } from './refs';
import type { RouteContext } from './types';

/** Missions: the tree, stale ones, teams without one, broken chains, an entity's chain. */
export function missionRoutes(
  { router, access }: RouteContext,
  missions: MissionService,
) {
  router.get('/missions', async (req, res) => {
    await access.read(req);
    res.json(await missions.getTree());
  });

  router.get('/missions/stale', async (req, res) => {
    await access.read(req);
    res.json(await missions.getStale());
  });

  router.get('/missions/teams-without-mission', async (req, res) => {
    await access.read(req);
    res.json(await missions.getTeamsWithoutMission());
  });

  router.get('/missions/broken-chains', async (req, res) => {
    await access.read(req);
    res.json(await missions.getBrokenChains(req.query));
  });

  router.get(
    '/entities/:kind/:namespace/:name/mission-chain',
    async (req, res) => {
      await access.read(req);
      res.json(await missions.getChain(entityRefOf(req.params)));
    },
  );
}
