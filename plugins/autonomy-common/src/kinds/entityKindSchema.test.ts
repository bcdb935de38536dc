import { entityKindSchemaValidator } from '@backstage/catalog-model';
import { entityKindSchema } from './entityKindSchema';

describe('entityKindSchema', () => {
  const validate = entityKindSchemaValidator(
    entityKindSchema({
      id: 'NoteV1alpha1',
      description: 'A note.',
      kind: 'Note',
      spec: {
        type: 'object',
        required: ['text'],
        properties: { text: { type: 'string' } },
      },
    }),
  );
  const note = {
    apiVersion: 'aligned-autonomy.io/v1alpha1',
    kind: 'Note',
    metadata: { name: 'hello' },
    spec: { text: 'hi' },
  };

  it("accepts an entity of the kind in this suite's apiVersion", () => {
    expect(validate(note)).toBe(note);
  });

  it('leaves other kinds and apiVersions to other validators, and checks the spec', () => {
    expect(validate({ ...note, kind: 'Component' })).toBe(false);
    expect(validate({ ...note, apiVersion: 'backstage.io/v1alpha1' })).toBe(
      false,
    );
    expect(() => validate({ ...note, spec: {} })).toThrow(/text/);
    expect(() => validate({ ...note, metadata: {} })).toThrow(/name/);
  });
});
