import type { Entity } from '@backstage/catalog-model';
import {
  checkGuardrailEntity,
  normalizeGuardrailEntity,
  validateGuardrailEntity,
} from './validateGuardrail';

const guardrail = (
  spec: Record<string, unknown>,
  metadata: Record<string, unknown> = {},
): Entity => ({
  apiVersion: 'aligned-autonomy.io/v1alpha1',
  kind: 'Guardrail',
  metadata: { name: 'api-has-docs', title: 'API has docs', ...metadata },
  spec: {
    type: 'recommended',
    owner: 'platform',
    rationale: { why: 'Consumers read docs first.' },
    appliesTo: { kind: 'api' },
    rule: {
      fact: 'entity.annotations.backstage.io/techdocs-ref',
      exists: true,
    },
    level: 'silver',
    ...spec,
  },
});

const problemsOf = (entity: Entity) => {
  try {
    validateGuardrailEntity(entity, { levels: ['bronze', 'silver', 'gold'] });
    return [];
  } catch (e) {
    return (e as Error).message.replace(/^[^:]*: /, '').split('; ');
  }
};

describe('validateGuardrailEntity', () => {
  it('accepts a valid guardrail and states its definition, owned by a Group', () => {
    expect(problemsOf(guardrail({}))).toEqual([]);
    expect(checkGuardrailEntity(guardrail({})).definition).toEqual({
      id: 'api-has-docs',
      title: 'API has docs',
      description: undefined,
      rationale: {
        why: 'Consumers read docs first.',
        ownerRef: 'group:default/platform',
      },
      appliesTo: { kind: ['api'] },
      rule: {
        fact: 'entity.annotations.backstage.io/techdocs-ref',
        exists: true,
      },
      level: 'silver',
      weight: 1,
      mode: 'enforced',
      enforcedFrom: undefined,
      type: 'recommended',
      source: 'catalog',
      ownerRef: 'group:default/platform',
      entityRef: 'guardrail:default/api-has-docs',
    });
  });

  it('is not its business when the entity is another kind', () => {
    expect(validateGuardrailEntity({ ...guardrail({}), kind: 'Mission' })).toBe(
      false,
    );
  });

  it('names every invalid field at once', () => {
    expect(
      problemsOf(
        guardrail({
          type: 'optional',
          rationale: {},
          weight: -1,
          colour: 'red',
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^spec\.type: /),
      'spec.rationale.why is required',
      expect.stringMatching(/^spec\.weight: /),
      'spec.colour is not a known field',
    ]);
  });

  it('refuses an owner that is not a Group, an unknown level and a bad id', () => {
    expect(
      problemsOf(
        guardrail(
          { owner: 'user:default/jane', level: 'platinum' },
          { name: 'API_Docs' },
        ),
      ),
    ).toEqual([
      'metadata.name is the guardrail id and must be lower-case letters, digits and dashes',
      'spec.owner must reference a group, got "user:default/jane"',
      'spec.level: unknown level "platinum" (levels: bronze, silver, gold)',
    ]);
  });

  it('refuses a grace period on a warning-only guardrail, and a date not on the calendar', () => {
    expect(
      problemsOf(guardrail({ mode: 'warning', enforcedFrom: '2027-01-15' })),
    ).toEqual([
      'spec.enforcedFrom: a warning-only guardrail is never enforced (drop enforcedFrom or the mode)',
    ]);
    expect(problemsOf(guardrail({ enforcedFrom: '2027-02-30' }))).toEqual([
      'spec.enforcedFrom: must be a calendar date YYYY-MM-DD',
    ]);
  });

  it('reads an unquoted YAML date as that day', () => {
    const entity = normalizeGuardrailEntity(
      guardrail({ enforcedFrom: '2027-01-15T00:00:00.000Z' }),
    );
    expect(entity.spec?.enforcedFrom).toBe('2027-01-15');
    expect(checkGuardrailEntity(entity).definition).toMatchObject({
      mode: 'grace',
      enforcedFrom: '2027-01-15',
    });
  });
});
