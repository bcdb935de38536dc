import { MISSION_API_VERSION, MISSION_KIND } from './MissionEntityV1alpha1';

const isoDate = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'An ISO date, YYYY-MM-DD.',
};

/**
 * JSON schema of the Mission kind, layered on the catalog's base Entity schema.
 * `spec` is closed (`additionalProperties: false`) so a mistyped field is an error, not silence.
 *
 * @public
 */
export const missionEntityV1alpha1Schema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  $id: 'MissionV1alpha1',
  description:
    'A Mission says what a team is solving, why now and what success looks like, and which mission it serves.',
  allOf: [
    { $ref: 'Entity' },
    {
      type: 'object',
      required: ['spec'],
      properties: {
        apiVersion: { enum: [MISSION_API_VERSION] },
        kind: { enum: [MISSION_KIND] },
        spec: {
          type: 'object',
          required: ['owner', 'statement', 'why'],
          additionalProperties: false,
          properties: {
            owner: { type: 'string', minLength: 1 },
            statement: { type: 'string', minLength: 1 },
            why: { type: 'string', minLength: 1 },
            parent: { type: 'string', minLength: 1 },
            horizon: { type: 'string', minLength: 1 },
            reviewBy: isoDate,
            successMetrics: {
              type: 'array',
              items: {
                type: 'object',
                required: ['name', 'target', 'direction'],
                additionalProperties: false,
                properties: {
                  name: { type: 'string', minLength: 1 },
                  target: { type: 'number' },
                  unit: { type: 'string' },
                  direction: { enum: ['increase', 'decrease'] },
                  current: { type: 'number' },
                  measuredAt: isoDate,
                  factId: { type: 'string', minLength: 1 },
                },
              },
            },
          },
        },
      },
    },
  ],
};
