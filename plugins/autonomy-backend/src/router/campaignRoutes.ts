import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CampaignService } from '../service/CampaignService';
import { normalizeRef } from './refs';
import type { RouteContext } from './types';

/** Campaigns: the list (for a team or an entity) and one campaign with its burn-up. */
export function campaignRoutes(
  { router, access }: RouteContext,
  campaigns: CampaignService,
) {
  router.get('/campaigns', async (req, res) => {
    await access.read(req);
    const { teamRef, entityRef } = req.query;
    res.json(
      await campaigns.listCampaigns({
        teamRef: teamRef && normalizeRef(teamRef, 'teamRef'),
        entityRef: entityRef && normalizeRef(entityRef, 'entityRef'),
      }),
    );
  });

  router.get('/campaigns/:namespace/:name', async (req, res) => {
    await access.read(req);
    res.json(
      await campaigns.getCampaign(
        stringifyEntityRef({ kind: 'campaign', ...req.params }),
      ),
    );
  });
}
