import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { autonomyReadPermission } from '@aligned-autonomy/plugin-autonomy-common';
import { authorizeCredentials } from '../access/authorizeCredentials';
import { normalizeRef } from '../router/refs';
import type { BoundaryService } from '../service/BoundaryService';
import type { CampaignService } from '../service/CampaignService';
import type { GuardrailCommandService } from '../service/GuardrailCommandService';
import type { GuardrailReadService } from '../service/GuardrailReadService';
import type { MissionService } from '../service/MissionService';

/** The services the actions call: the same the REST routes call, so both answer alike. */
export interface AutonomyActionDeps {
  permissions: PermissionsService;
  guardrailReads: GuardrailReadService;
  guardrailCommands: GuardrailCommandService;
  missions: MissionService;
  boundaries: BoundaryService;
  campaigns: CampaignService;
  now(): Date;
}

/** The caller may read (`autonomy.read`), checked with the caller's own credentials. */
export const authorizeRead = (
  deps: AutonomyActionDeps,
  credentials: BackstageCredentials,
) =>
  authorizeCredentials(deps.permissions, credentials, autonomyReadPermission);

/** The zod the actions registry hands to an action's schema. */
type ActionZod = typeof import('zod/v3').z;

/** The `entityRef` input of an action about one entity. */
export const entityRefInput = (z: ActionZod) =>
  z
    .string()
    .max(255)
    .describe('The entity, e.g. component:default/checkout-api');

/** The `guardrailId` input of an action, described for that action. */
export const guardrailIdInput = (z: ActionZod, description: string) =>
  z.string().max(63).describe(description);

/** An entity ref in canonical form; an InputError naming the field when it is not one. */
export const entityRefOf = (ref: string) => normalizeRef(ref, 'entityRef');

/** A team: a Group ref, or a group's name in the default namespace. */
export function teamRefOf(ref: string): string {
  try {
    const team = parseEntityRef(ref, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (team.kind.toLocaleLowerCase('en-US') === 'group')
      return stringifyEntityRef(team);
  } catch {
    // named below
  }
  throw new InputError(
    `teamRef "${ref}" is not a group reference (group:namespace/name)`,
  );
}

/** Guardrail states that need a fix (or an explanation), as the scorecard names them. */
export const NEEDS_ATTENTION = new Set(['fail', 'warning', 'unknown', 'error']);
