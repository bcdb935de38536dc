import type { BoundaryService } from '../service/BoundaryService';
import { entityRefOf, teamRefOf } from './refs';
import type { RouteContext } from './types';

/** Ownership boundaries, the boundary map, ownership gaps and a team's earned autonomy. */
export function boundaryRoutes(
  { router, access }: RouteContext,
  boundaries: BoundaryService,
) {
  router.get(
    '/entities/:kind/:namespace/:name/boundaries',
    async (req, res) => {
      await access.read(req);
      res.json(await boundaries.entityBoundaries(entityRefOf(req.params)));
    },
  );

  router.get('/teams/:namespace/:name/boundaries', async (req, res) => {
    await access.read(req);
    res.json(await boundaries.teamBoundaries(teamRefOf(req.params)));
  });

  router.get('/teams/:namespace/:name/autonomy', async (req, res) => {
    await access.read(req);
    res.json(await boundaries.teamAutonomy(teamRefOf(req.params)));
  });

  router.get('/boundaries/map', async (req, res) => {
    await access.read(req);
    res.json(await boundaries.map());
  });

  router.get('/ownership-gaps', async (req, res) => {
    await access.read(req);
    res.json(await boundaries.gaps());
  });
}
