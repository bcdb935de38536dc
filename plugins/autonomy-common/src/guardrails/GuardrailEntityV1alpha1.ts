import type { Entity } from '@backstage/catalog-model';
import type {
  GuardrailEntityFilter,
  GuardrailRationale,
  GuardrailType,
} from '../schema/openapi/generated';

/** @public */
export const GUARDRAIL_API_VERSION = 'aligned-autonomy.io/v1alpha1';
/** @public */
export const GUARDRAIL_KIND = 'Guardrail';

/**
 * A guardrail as catalog data, owned by a Group and kept in git next to the code of the team that
 * owns it. `metadata.name` is the guardrail id; the spec is the same definition as an app-config
 * guardrail, plus its owner and type: `required` and `recommended` are the organisation's, `team`
 * is a team standard that applies only to what its owner owns.
 *
 * @public
 */
export interface GuardrailEntityV1alpha1 extends Entity {
  apiVersion: typeof GUARDRAIL_API_VERSION;
  kind: typeof GUARDRAIL_KIND;
  spec: {
    type: GuardrailType;
    /** Entity reference of the owning Group. */
    owner: string;
    rationale: Omit<GuardrailRationale, 'ownerRef'> & { owner?: string };
    appliesTo?: { [K in keyof GuardrailEntityFilter]?: string | string[] };
    /** A tree of `all` / `any` / `not` over fact conditions, as in app-config. */
    rule: NonNullable<Entity['spec']>;
    level: string;
    weight?: number;
    mode?: 'enforced' | 'warning';
    /** ISO date (YYYY-MM-DD) before which failures are warnings. */
    enforcedFrom?: string;
  };
}

/**
 * Type guard for Guardrail entities; it checks apiVersion and kind, not the schema.
 * @public
 */
export function isGuardrailEntity(
  entity: Entity | undefined,
): entity is GuardrailEntityV1alpha1 {
  return (
    entity?.apiVersion === GUARDRAIL_API_VERSION &&
    entity?.kind === GUARDRAIL_KIND
  );
}
