import { entityKindSchema } from '../kinds/entityKindSchema';
import { MISSION_TEXT_MAX_LENGTH } from '../mission/missionSchema';
import { CAMPAIGN_KIND } from './CampaignEntityV1alpha1';

const values = (maxLength: number) => ({
  type: 'array',
  minItems: 1,
  maxItems: 100,
  items: { type: 'string', minLength: 1, maxLength },
});

/** The `spec` of a Campaign, closed so that a mistyped field is an error, not silence. */
export const campaignSpecSchema = {
  type: 'object',
  required: ['owner', 'why', 'guardrails', 'deadline'],
  additionalProperties: false,
  properties: {
    owner: { type: 'string', minLength: 1 },
    why: { type: 'string', minLength: 1, maxLength: MISSION_TEXT_MAX_LENGTH },
    guardrails: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      uniqueItems: true,
      // The guardrail id format of the configuration.
      items: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 63 },
    },
    deadline: {
      type: 'string',
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description: 'An ISO date, YYYY-MM-DD.',
    },
    targets: {
      type: 'object',
      additionalProperties: false,
      properties: {
        teams: values(255),
        kinds: values(63),
        types: values(63),
        tiers: values(63),
        tags: values(63),
        entities: values(255),
      },
    },
  },
};

/**
 * JSON schema of the Campaign kind, layered on the catalog's base Entity schema.
 *
 * @public
 */
export const campaignEntityV1alpha1Schema = entityKindSchema({
  id: 'CampaignV1alpha1',
  description:
    'A Campaign rolls out guardrails to a set of teams or entities by a deadline.',
  kind: CAMPAIGN_KIND,
  spec: campaignSpecSchema,
});
