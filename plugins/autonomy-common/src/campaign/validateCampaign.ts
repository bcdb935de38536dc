import type { Entity } from '@backstage/catalog-model';
import {
  isCampaignEntity,
  type CampaignEntityV1alpha1,
} from './CampaignEntityV1alpha1';
import {
  campaignEntityV1alpha1Schema,
  campaignSpecSchema,
} from './campaignSchema';
import { createKindValidator } from '../kinds/createKindValidator';
import { dayOf, refProblem } from '../kinds/kindValidation';

const validateCampaign = createKindValidator<CampaignEntityV1alpha1>({
  kind: 'Campaign',
  isKind: isCampaignEntity,
  entitySchema: campaignEntityV1alpha1Schema,
  specSchema: campaignSpecSchema,
  checkSpec(spec, list, namespace) {
    list.check('spec.owner', spec.owner, () =>
      refProblem(spec.owner, 'spec.owner', 'group', namespace),
    );
    list.checkDate('spec.deadline', spec.deadline);
    const targets = spec.targets ?? {};
    (Array.isArray(targets.teams) ? targets.teams : []).forEach(
      (team: unknown, i: number) => {
        const field = `spec.targets.teams[${i}]`;
        list.check(field, team, () =>
          refProblem(team as string, field, 'group', namespace),
        );
      },
    );
    (Array.isArray(targets.entities) ? targets.entities : []).forEach(
      (ref: unknown, i: number) => {
        const field = `spec.targets.entities[${i}]`;
        // Any kind, but a full reference: a bare name says nothing about its kind.
        list.check(field, ref, () =>
          /^[^:]+:/.test(ref as string)
            ? refProblem(
                ref as string,
                field,
                (ref as string).split(':')[0].toLocaleLowerCase('en-US'),
                namespace,
              )
            : `${field} must be a reference with its kind, e.g. component:default/name, got "${ref}"`,
        );
      },
    );
  },
});

/**
 * Validates a Campaign entity: its spec against the JSON schema, then what a schema cannot say
 * (the owner and target teams are Groups, target entities are references, the deadline is on the
 * calendar). Returns the entity typed, `false` when it is not a Campaign, and throws a TypeError
 * naming every problem at once, each with its field.
 *
 * @public
 */
export function validateCampaignEntity(
  entity: Entity,
): CampaignEntityV1alpha1 | false {
  return validateCampaign(entity);
}

/**
 * A Campaign as people write it in YAML: an unquoted deadline (which a YAML parser may read as a
 * Date) is that day, and an unquoted tier (`tiers: [1]`) is text. Other kinds are returned as they
 * are.
 *
 * @public
 */
export function normalizeCampaignEntity(entity: Entity): Entity {
  if (!isCampaignEntity(entity) || typeof entity.spec !== 'object')
    return entity;
  const spec: Record<string, any> = { ...entity.spec };
  if (spec.deadline !== undefined) spec.deadline = dayOf(spec.deadline);
  if (Array.isArray(spec.targets?.tiers)) {
    spec.targets = {
      ...spec.targets,
      tiers: spec.targets.tiers.map((t: unknown) =>
        typeof t === 'number' ? String(t) : t,
      ),
    };
  }
  return { ...entity, spec } as Entity;
}
