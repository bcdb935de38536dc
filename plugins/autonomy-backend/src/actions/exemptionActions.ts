import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError } from '@backstage/errors';
import { autonomyExemptionCreatePermission } from '@aligned-autonomy/plugin-autonomy-common';
import { authorizeCredentials } from '../access/authorizeCredentials';
import {
  type AutonomyActionDeps,
  entityRefInput,
  entityRefOf,
  guardrailIdInput,
} from './actionDeps';

/** The one write: requesting an exemption, as a user, under the permission the UI uses. */
export function registerExemptionActions(
  registry: ActionsRegistryService,
  deps: AutonomyActionDeps,
) {
  registry.register({
    name: 'request-exemption',
    title: 'Request an exemption from a guardrail',
    description:
      'Requests an exemption of one entity from one guardrail that applies to it, as the signed-in user (service callers are refused), with a reason, an expiry (ISO 8601 with a time zone, within the configured maximum), an optional compensating control and decision-record link. Authorized like the portal (autonomy.exemption.create on the entity, by default its owners). Answers the stored exemption as POST /api/autonomy/exemptions does; fails when one is already active.',
    attributes: { readOnly: false, destructive: true, idempotent: false },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefInput(z),
          guardrailId: guardrailIdInput(z, 'The guardrail to exempt it from'),
          reason: z
            .string()
            .min(1)
            .max(2000)
            .describe('Why the exemption is needed'),
          expiresAt: z
            .string()
            .max(40)
            .describe(
              'When it expires: ISO 8601 with a time zone, e.g. 2026-12-31T00:00:00Z',
            ),
          compensatingControl: z.string().max(2000).optional(),
          decisionRecordUrl: z
            .string()
            .max(2000)
            .optional()
            .describe('An http(s) link'),
        }),
      output: z =>
        z
          .object({
            id: z.string(),
            entityRef: z.string(),
            guardrailId: z.string(),
            expiresAt: z.string(),
            status: z.string(),
          })
          .passthrough(),
    },
    action: async ({ input, credentials }) => {
      const principal = credentials.principal as {
        type?: string;
        userEntityRef?: string;
      };
      // An exemption is a person's decision; tokens of services (CI) never request one.
      if (principal.type !== 'user' || !principal.userEntityRef)
        throw new NotAllowedError(
          'Only a signed-in user can request an exemption',
        );
      const entityRef = entityRefOf(input.entityRef);
      await authorizeCredentials(
        deps.permissions,
        credentials,
        autonomyExemptionCreatePermission,
        entityRef,
      );
      return {
        output: await deps.guardrailCommands.createExemption(
          { ...input, entityRef },
          principal.userEntityRef,
        ),
      };
    },
  });
}
