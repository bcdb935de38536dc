import {
  autonomyExemptionCreatePermission,
  autonomyExemptionRevokePermission,
} from '@aligned-autonomy/plugin-autonomy-common';
import type { GuardrailCommandService } from '../service/GuardrailCommandService';
import type { GuardrailReadService } from '../service/GuardrailReadService';
import { userRefOf } from './access';
import { normalizeRef } from './refs';
import type { RouteContext } from './types';

/** Exemptions: listed by readers; created and revoked by users allowed on the entity. */
export function exemptionRoutes(
  { router, access }: RouteContext,
  services: { reads: GuardrailReadService; commands: GuardrailCommandService },
) {
  const { reads, commands } = services;

  router.get('/exemptions', async (req, res) => {
    await access.read(req);
    const { entityRef, ownerRef, guardrailId, status } = req.query;
    res.json(
      await reads.listExemptions({
        entityRef:
          entityRef &&
          [entityRef].flat().map(r => normalizeRef(r, 'entityRef')),
        ownerRef: ownerRef && normalizeRef(ownerRef, 'ownerRef'),
        guardrailId,
        status: status && [status].flat(),
      }),
    );
  });

  router.post('/exemptions', async (req, res) => {
    const entityRef = normalizeRef(req.body.entityRef, 'entityRef');
    const credentials = await access.authorize(
      req,
      autonomyExemptionCreatePermission,
      { resourceRef: entityRef, userOnly: true },
    );
    res
      .status(201)
      .json(
        await commands.createExemption(
          { ...req.body, entityRef },
          userRefOf(credentials),
        ),
      );
  });

  router.post('/exemptions/:id/revoke', async (req, res) => {
    const exemption = await reads.getExemption(req.params.id);
    const credentials = await access.authorize(
      req,
      autonomyExemptionRevokePermission,
      { resourceRef: exemption.entityRef, userOnly: true },
    );
    res.json(
      await commands.revokeExemption(
        exemption.id,
        userRefOf(credentials),
        req.body.reason,
      ),
    );
  });
}
