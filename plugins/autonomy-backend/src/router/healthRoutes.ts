import { autonomyRefreshPermission } from '@aligned-autonomy/plugin-autonomy-common';
import type { AnalysisService } from '../service/AnalysisService';
import type { RouteContext } from './types';

/** `GET /health` and `POST /refresh`. */
export function healthRoutes(
  { router, access }: RouteContext,
  analysis: AnalysisService,
) {
  router.get('/health', async (req, res) => {
    await access.authenticate(req);
    res.json(analysis.health());
  });

  router.post('/refresh', async (req, res) => {
    await access.authorize(req, autonomyRefreshPermission);
    res.status(202).json(await analysis.refresh());
  });
}
