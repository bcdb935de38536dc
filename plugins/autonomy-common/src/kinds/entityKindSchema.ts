import { MISSION_API_VERSION } from '../mission/MissionEntityV1alpha1';

/**
 * The JSON schema of a whole entity of one of this suite's kinds, in the form the catalog's
 * `entityKindSchemaValidator` takes: the catalog's own envelope (`Entity`), this suite's
 * apiVersion, the kind, and the kind's `spec`.
 */
export function entityKindSchema<Spec>(kind: {
  /** The schema's id, e.g. `MissionV1alpha1`. */
  id: string;
  description: string;
  /** As in YAML: `Mission`. */
  kind: string;
  spec: Spec;
}) {
  return {
    $schema: 'http://json-schema.org/draft-07/schema',
    $id: kind.id,
    description: kind.description,
    allOf: [
      { $ref: 'Entity' },
      {
        type: 'object',
        required: ['spec'],
        properties: {
          apiVersion: { enum: [MISSION_API_VERSION] },
          kind: { enum: [kind.kind] },
          spec: kind.spec,
        },
      },
    ],
  };
}
