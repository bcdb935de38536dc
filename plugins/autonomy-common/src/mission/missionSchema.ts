import { entityKindSchema } from '../kinds/entityKindSchema';
import { MISSION_KIND } from './MissionEntityV1alpha1';

const isoDate = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'An ISO date, YYYY-MM-DD.',
};

/**
 * The longest statement or why: a mission is a paragraph or two of Markdown, and every page that
 * shows it renders it.
 *
 * @public
 */
export const MISSION_TEXT_MAX_LENGTH = 4000;

const markdown = (description: string) => ({
  type: 'string',
  minLength: 1,
  maxLength: MISSION_TEXT_MAX_LENGTH,
  description,
});
const text = { type: 'string', minLength: 1, maxLength: 200 };

/** The `spec` of a Mission, closed so that a mistyped field is an error, not silence. */
export const missionSpecSchema = {
  type: 'object',
  required: ['owner', 'statement', 'why'],
  additionalProperties: false,
  properties: {
    owner: { type: 'string', minLength: 1 },
    statement: markdown('What we are solving. Markdown.'),
    why: markdown('Why now. Markdown.'),
    parent: { type: 'string', minLength: 1 },
    horizon: text,
    reviewBy: isoDate,
    successMetrics: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        required: ['name', 'target', 'direction'],
        additionalProperties: false,
        properties: {
          name: text,
          target: { type: 'number' },
          unit: { type: 'string', maxLength: 50 },
          direction: { enum: ['increase', 'decrease'] },
          current: { type: 'number' },
          measuredAt: isoDate,
          factId: { type: 'string', minLength: 1, maxLength: 200 },
        },
      },
    },
  },
};

/**
 * JSON schema of the Mission kind, layered on the catalog's base Entity schema.
 * `spec` is closed (`additionalProperties: false`) so a mistyped field is an error, not silence.
 *
 * @public
 */
export const missionEntityV1alpha1Schema = entityKindSchema({
  id: 'MissionV1alpha1',
  description:
    'A Mission says what a team is solving, why now and what success looks like, and which mission it serves.',
  kind: MISSION_KIND,
  spec: missionSpecSchema,
});
