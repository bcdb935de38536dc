import { autonomyFactsPushPermission } from '@aligned-autonomy/plugin-autonomy-common';
import type { GuardrailCommandService } from '../service/GuardrailCommandService';
import { normalizeRef } from './refs';
import type { RouteContext } from './types';

/** `POST /facts`: facts pushed by external tools; the entity is re-evaluated. */
export function factRoutes(
  { router, access }: RouteContext,
  commands: GuardrailCommandService,
) {
  router.post('/facts', async (req, res) => {
    await access.authorize(req, autonomyFactsPushPermission);
    const entityRef = normalizeRef(req.body.entityRef, 'entityRef');
    res.json(await commands.pushFacts({ ...req.body, entityRef }));
  });
}
