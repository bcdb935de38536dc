import type { Entity } from '@backstage/catalog-model';
import {
  componentEntity,
  postProcessed,
  relatedBothWays,
} from '../testUtils/processorResults';
import { MissionEntitiesProcessor } from './MissionEntitiesProcessor';

const mission = (spec: Record<string, unknown>): Entity => ({
  apiVersion: 'aligned-autonomy.io/v1alpha1',
  kind: 'Mission',
  metadata: { name: 'frictionless-checkout', namespace: 'commerce' },
  spec: { owner: 'checkout', statement: 'What', why: 'Why', ...spec },
});

const process = (entity: Entity) =>
  postProcessed(new MissionEntitiesProcessor(), entity);

describe('MissionEntitiesProcessor', () => {
  const processor = new MissionEntitiesProcessor();

  it('validates missions and leaves other kinds to other processors', async () => {
    await expect(
      processor.validateEntityKind(mission({ parent: 'north-star' })),
    ).resolves.toBe(true);
    await expect(processor.validateEntityKind(componentEntity)).resolves.toBe(
      false,
    );
  });

  it('rejects an invalid mission with an error naming the field', async () => {
    await expect(
      processor.validateEntityKind(mission({ statement: undefined })),
    ).rejects.toThrow(/statement/);
    await expect(
      processor.validateEntityKind(mission({ owner: 'user:maya' })),
    ).rejects.toThrow(/spec\.owner must reference a group/);
    await expect(
      processor.validateEntityKind(mission({ reviewBy: '2027-02-31' })),
    ).rejects.toThrow(/spec\.reviewBy/);
  });

  it('reports every problem of a mission at once, each naming its field', async () => {
    const error = await processor
      .validateEntityKind(
        mission({
          owner: 'user:maya',
          why: 'w'.repeat(4001),
          reviewBy: '2027-02-31',
          successMetrics: [{ name: 'x', target: 'lots', direction: 'up' }],
        }),
      )
      .catch(e => e);
    expect(error.message.split('; ')).toEqual([
      expect.stringMatching(
        /^Mission frictionless-checkout is invalid: spec\.why must NOT have more than 4000 characters$/,
      ),
      'spec.successMetrics[0].target must be number',
      'spec.successMetrics[0].direction must be one of increase, decrease',
      'spec.owner must reference a group, got "user:maya"',
      'spec.reviewBy is not a calendar date: "2027-02-31"',
    ]);
  });

  it('reads a mission as people write it in YAML before validating it', async () => {
    const yamlDate = await processor.preProcessEntity(
      mission({
        reviewBy: new Date('2027-03-31T00:00:00Z'),
        horizon: 2027,
        successMetrics: [
          {
            name: 'Conversion',
            target: 4.5,
            direction: 'increase',
            measuredAt: '2026-11-01T00:00:00.000Z',
          },
        ],
      }),
    );
    expect(yamlDate.spec).toMatchObject({
      reviewBy: '2027-03-31',
      horizon: '2027',
      successMetrics: [{ measuredAt: '2026-11-01' }],
    });
    await expect(processor.validateEntityKind(yamlDate)).resolves.toBe(true);
  });

  it('emits owner and parent relations in both directions, in the mission namespace', async () => {
    const emitted = await process(mission({ parent: 'commerce-mission' }));
    const self = {
      kind: 'Mission',
      namespace: 'commerce',
      name: 'frictionless-checkout',
    };
    const owner = { kind: 'group', namespace: 'commerce', name: 'checkout' };
    const parent = {
      kind: 'mission',
      namespace: 'commerce',
      name: 'commerce-mission',
    };
    expect(emitted).toEqual([
      ...relatedBothWays(self, 'ownedBy', 'ownerOf', owner),
      ...relatedBothWays(self, 'servesMission', 'servedByMission', parent),
    ]);
  });

  it('emits no parent relation for the north star', async () => {
    const emitted = await process(mission({}));
    expect(emitted.map(r => (r as any).relation.type)).toEqual([
      'ownedBy',
      'ownerOf',
    ]);
  });

  it('reports a mission that is its own parent instead of relating it to itself', async () => {
    const emitted = await process(
      mission({ parent: 'mission:commerce/frictionless-checkout' }),
    );
    const errors = emitted.filter(r => r.type === 'error');
    expect(errors).toHaveLength(1);
    expect((errors[0] as any).error.message).toMatch(
      /spec\.parent of Mission frictionless-checkout refers to itself/,
    );
    expect(
      emitted.some(
        r => r.type === 'relation' && r.relation.type === 'servesMission',
      ),
    ).toBe(false);
  });

  it('leaves non-mission entities untouched', async () => {
    const component = { ...componentEntity, spec: { owner: 'y' } };
    expect(await process(component)).toEqual([]);
  });
});
