import type { Entity } from '@backstage/catalog-model';
import {
  componentEntity,
  postProcessed,
  relatedBothWays,
} from '../testUtils/processorResults';
import { GuardrailEntitiesProcessor } from './GuardrailEntitiesProcessor';

const organisation = {
  levels: ['bronze', 'silver', 'gold'],
  rules: new Map([['owned-by-team', { fact: 'owner.isTeam', equals: true }]]),
};

const guardrail = (
  spec: Record<string, unknown>,
  name = 'api-has-docs',
): Entity => ({
  apiVersion: 'aligned-autonomy.io/v1alpha1',
  kind: 'Guardrail',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'recommended',
    owner: 'platform',
    rationale: { why: 'Consumers read docs first.' },
    rule: {
      fact: 'entity.annotations.backstage.io/techdocs-ref',
      exists: true,
    },
    level: 'silver',
    ...spec,
  },
});

describe('GuardrailEntitiesProcessor', () => {
  const processor = new GuardrailEntitiesProcessor(organisation);

  it('validates guardrails and leaves other kinds to other processors', async () => {
    await expect(processor.validateEntityKind(guardrail({}))).resolves.toBe(
      true,
    );
    await expect(processor.validateEntityKind(componentEntity)).resolves.toBe(
      false,
    );
  });

  it('rejects an invalid guardrail with an error naming each field', async () => {
    const error = await processor
      .validateEntityKind(
        guardrail({ type: 'mandatory', level: 'platinum', rationale: {} }),
      )
      .catch(e => e as Error);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/spec\.type/);
    expect((error as Error).message).toMatch(
      /spec\.rationale\.why is required/,
    );
    // The level is only checked once the spec's shape is right.
    await expect(
      processor.validateEntityKind(guardrail({ level: 'platinum' })),
    ).rejects.toThrow('spec.level: unknown level "platinum"');
  });

  it('reads an unquoted YAML date in enforcedFrom as that day', async () => {
    const entity = await processor.preProcessEntity(
      guardrail({ enforcedFrom: '2027-01-15T00:00:00.000Z' }),
    );
    expect(entity.spec?.enforcedFrom).toBe('2027-01-15');
    await expect(processor.validateEntityKind(entity)).resolves.toBe(true);
  });

  it('emits ownedBy and ownerOf between the guardrail and its team', async () => {
    const self = {
      kind: 'Guardrail',
      namespace: 'default',
      name: 'api-has-docs',
    };
    const team = { kind: 'group', namespace: 'default', name: 'platform' };
    expect(await postProcessed(processor, guardrail({}))).toEqual(
      relatedBothWays(self, 'ownedBy', 'ownerOf', team),
    );
  });

  it('says so when an app-config guardrail has the same id, which wins', async () => {
    const emitted = await postProcessed(
      processor,
      guardrail({}, 'owned-by-team'),
    );
    expect(emitted.filter(r => r.type === 'error')).toEqual([
      expect.objectContaining({
        error: expect.objectContaining({
          message: expect.stringMatching(
            /metadata\.name "owned-by-team" is already an app-config guardrail, which wins on an id clash/,
          ),
        }),
      }),
    ]);
  });
});
