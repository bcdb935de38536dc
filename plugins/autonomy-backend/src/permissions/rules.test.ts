import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { autonomyExemptionCreatePermission } from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyEntityRules } from './rules';
import {
  autonomyConditions,
  createAutonomyConditionalDecision,
} from './conditionExports';

const checkoutApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: { owner: 'checkout' },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/checkout' },
    { type: 'dependsOn', targetRef: 'group:default/payments' },
  ],
};

describe('isEntityOwner', () => {
  const { isEntityOwner } = autonomyEntityRules;

  it('holds when one of the claims owns the entity, whatever the case of the ref', () => {
    expect(
      isEntityOwner.apply(checkoutApi, {
        claims: ['user:default/maya', 'group:default/Checkout'],
      }),
    ).toBe(true);
  });

  it('does not hold for other relations to a claim, or for an entity without relations', () => {
    expect(
      isEntityOwner.apply(checkoutApi, { claims: ['group:default/payments'] }),
    ).toBe(false);
    expect(
      isEntityOwner.apply(
        { ...checkoutApi, relations: undefined },
        { claims: ['group:default/checkout'] },
      ),
    ).toBe(false);
    expect(isEntityOwner.apply(checkoutApi, { claims: [] })).toBe(false);
  });

  it('says what it means as a catalog-style filter', () => {
    expect(isEntityOwner.toQuery({ claims: ['group:default/a'] })).toEqual({
      key: 'relations.ownedBy',
      values: ['group:default/a'],
    });
  });
});

describe('isEntityKind', () => {
  it('holds for the listed kinds only, without case', () => {
    const { isEntityKind } = autonomyEntityRules;
    expect(isEntityKind.apply(checkoutApi, { kinds: ['component'] })).toBe(
      true,
    );
    expect(isEntityKind.apply(checkoutApi, { kinds: ['System', 'API'] })).toBe(
      false,
    );
  });
});

describe('condition exports', () => {
  it('build a conditional decision the autonomy plugin applies', () => {
    expect(
      createAutonomyConditionalDecision(
        autonomyExemptionCreatePermission,
        autonomyConditions.isEntityOwner({ claims: ['group:default/a'] }),
      ),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'autonomy',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: ['group:default/a'] },
      },
    });
  });
});
