import type { Entity } from '@backstage/catalog-model';
import Ajv from 'ajv';
import { createKindValidator, specSchemaProblems } from './createKindValidator';

interface NoteEntity extends Entity {
  kind: 'Note';
  spec: { owner: string; text: string };
}

const specSchema = {
  type: 'object',
  required: ['owner', 'text'],
  additionalProperties: false,
  properties: {
    owner: { type: 'string', minLength: 1 },
    text: { type: 'string', minLength: 1 },
  },
};

const note = (spec: unknown, name = 'hello'): Entity =>
  ({
    apiVersion: 'aligned-autonomy.io/v1alpha1',
    kind: 'Note',
    metadata: { name },
    spec,
  } as Entity);

describe('specSchemaProblems', () => {
  const specValidator = new Ajv({ allErrors: true }).compile(specSchema);

  it('names every problem of the spec, and a missing spec as such', () => {
    expect(specSchemaProblems({ extra: 1 }, specValidator)).toEqual([
      'spec.owner is required',
      'spec.text is required',
      'spec.extra is not a known field',
    ]);
    expect(specSchemaProblems(undefined, specValidator)).toEqual([
      'spec is required',
    ]);
    expect(specSchemaProblems(null, specValidator)).toEqual([
      'spec is required',
    ]);
    expect(
      specSchemaProblems({ owner: 'a', text: 'b' }, specValidator),
    ).toEqual([]);
  });
});

describe('createKindValidator', () => {
  const validate = createKindValidator<NoteEntity>({
    kind: 'Note',
    isKind: (entity): entity is NoteEntity => entity.kind === 'Note',
    entitySchema: {
      $schema: 'http://json-schema.org/draft-07/schema',
      $id: 'NoteV1alpha1',
      allOf: [
        { $ref: 'Entity' },
        {
          type: 'object',
          required: ['spec'],
          properties: { kind: { enum: ['Note'] }, spec: specSchema },
        },
      ],
    },
    specSchema,
    checkSpec(spec, list, namespace) {
      list.check('spec.owner', spec.owner, () =>
        spec.owner.includes(':')
          ? `spec.owner in ${namespace} is odd`
          : undefined,
      );
    },
  });

  it('returns a valid entity typed and leaves other kinds alone', () => {
    const entity = note({ owner: 'team-a', text: 'hi' });
    expect(validate(entity)).toBe(entity);
    expect(validate({ ...entity, kind: 'Component' })).toBe(false);
  });

  it("throws every problem at once: the schema's, then the kind's own on well-formed fields", () => {
    expect(() => validate(note({ owner: 'user:maya', extra: 1 }))).toThrow(
      new TypeError(
        'Note hello is invalid: spec.text is required; spec.extra is not a known field; spec.owner in default is odd',
      ),
    );
    expect(() => validate(note({ owner: '', text: 'hi' }))).toThrow(
      'Note hello is invalid: spec.owner must NOT have fewer than 1 characters',
    );
  });

  it('checks the envelope once the spec is valid', () => {
    const entity = note({ owner: 'a', text: 'b' });
    const labelled = {
      ...entity,
      metadata: { ...entity.metadata, labels: 'tier-1' },
    } as unknown as Entity;
    expect(() => validate(labelled)).toThrow(
      /^Note hello is invalid: .*labels/,
    );
  });
});
