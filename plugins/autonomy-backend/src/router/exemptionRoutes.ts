import {
  autonomyExemptionCreatePermission,
  autonomyExemptionRevokePermission,
} from '@aligned-autonomy/plugin-autonomy-common';
import { userRefOf } from './access';
import { normalizeRef } from './refs';
import type { GuardrailServices, RouteContext } from './types';

/** Exemptions: listed by readers; created and revoked by users allowed on the entity. */
export function exemptionRoutes(
  { router, access }: RouteContext,
  { reads, commands }: GuardrailServices,
) {
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
    // Who may revoke depends on the exemption's entity, which the service reads first.
    const revoked = await commands.revokeExemptionAs(
      req.params.id,
      req.body.reason,
      async entityRef =>
        userRefOf(
          await access.authorize(req, autonomyExemptionRevokePermission, {
            resourceRef: entityRef,
            userOnly: true,
          }),
        ),
    );
    res.json(revoked);
  });
}
