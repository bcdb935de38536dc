/**
 * The REST API of the autonomy backend, OpenAPI 3.1. The router validates every request against
 * it (express-openapi-validator through @backstage/backend-openapi-utils) and serves it at
 * `/api/autonomy/openapi.json`; a test checks that every route of the router is described here.
 */
const entityPath = [
  {
    name: 'kind',
    in: 'path',
    required: true,
    schema: { type: 'string', minLength: 1 },
  },
  {
    name: 'namespace',
    in: 'path',
    required: true,
    schema: { type: 'string', minLength: 1 },
  },
  {
    name: 'name',
    in: 'path',
    required: true,
    schema: { type: 'string', minLength: 1 },
  },
];
const teamPath = entityPath.slice(1);
const states = [
  'pass',
  'fail',
  'warning',
  'not-applicable',
  'exempt',
  'unknown',
  'error',
];
const page = (max = 500) => [
  {
    name: 'limit',
    in: 'query',
    schema: { type: 'integer', minimum: 1, maximum: max, default: 50 },
  },
  {
    name: 'offset',
    in: 'query',
    schema: { type: 'integer', minimum: 0, default: 0 },
  },
];
const list = (
  name: string,
  description: string,
  items: object = { type: 'string' },
) => ({
  name,
  in: 'query',
  description,
  schema: { type: 'array', items },
  style: 'form',
  explode: true,
  // Entity refs contain ':' and '/'; accept them percent-encoded or not.
  allowReserved: true,
});
const refParam = (name: string, description: string, required = false) => ({
  name,
  in: 'query',
  description,
  required,
  allowReserved: true,
  schema: { type: 'string', minLength: 1, maxLength: 255 },
});
const scoreFilters = [
  list('ownerRef', 'Owning group refs'),
  list('systemRef', 'System refs'),
  list('domainRef', 'Domain refs'),
  list('kind', 'Entity kinds (lower case)'),
  list('level', 'Levels reached (or none)'),
  { name: 'guardrailId', in: 'query', schema: { type: 'string' } },
  list(
    'state',
    'With guardrailId: its state; without: any guardrail in this state',
    { type: 'string', enum: states },
  ),
  {
    name: 'q',
    in: 'query',
    description: 'Text in the title or ref',
    schema: { type: 'string', maxLength: 200 },
  },
  {
    name: 'orderBy',
    in: 'query',
    schema: {
      type: 'string',
      enum: ['score', 'title', 'level', 'failing'],
      default: 'title',
    },
  },
  {
    name: 'order',
    in: 'query',
    schema: { type: 'string', enum: ['asc', 'desc'], default: 'asc' },
  },
];
const json = (schema: object) => ({
  content: { 'application/json': { schema } },
});
const ok = (description: string, schema: object = { type: 'object' }) => ({
  description,
  ...json(schema),
});
const errors = {
  '400': { $ref: '#/components/responses/Error' },
  '401': { $ref: '#/components/responses/Error' },
  '403': { $ref: '#/components/responses/Error' },
};
const notFound = { '404': { $ref: '#/components/responses/Error' } };
// anyOf, not oneOf: with query/body coercion on, a number would also match the string branch.
const factValue = {
  anyOf: [
    { type: 'string', maxLength: 2000 },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'null' },
    {
      type: 'array',
      items: { type: 'string', maxLength: 2000 },
      maxItems: 100,
    },
  ],
};

export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'autonomy',
    version: '1',
    description:
      'Aligned Autonomy: team missions, ownership boundaries and guardrail scorecards.',
    license: { name: 'Apache-2.0' },
  },
  servers: [{ url: '/' }],
  components: {
    responses: {
      Error: ok('An error, with a message saying what is wrong', {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              message: { type: 'string' },
            },
          },
        },
      }),
    },
    schemas: {
      PushFactsRequest: {
        type: 'object',
        required: ['entityRef', 'source', 'values'],
        additionalProperties: false,
        properties: {
          entityRef: { type: 'string', minLength: 3, maxLength: 255 },
          source: { type: 'string', minLength: 1, maxLength: 63 },
          observedAt: { type: 'string', format: 'date-time' },
          values: {
            type: 'object',
            maxProperties: 100,
            additionalProperties: factValue,
          },
        },
      },
      CreateExemptionRequest: {
        type: 'object',
        required: ['entityRef', 'guardrailId', 'reason', 'expiresAt'],
        additionalProperties: false,
        properties: {
          entityRef: { type: 'string', minLength: 3, maxLength: 255 },
          guardrailId: { type: 'string', minLength: 1, maxLength: 63 },
          reason: { type: 'string', minLength: 3, maxLength: 4000 },
          expiresAt: { type: 'string', format: 'date-time' },
          compensatingControl: { type: 'string', maxLength: 4000 },
          decisionRecordUrl: { type: 'string', format: 'uri', maxLength: 2000 },
        },
      },
      RevokeExemptionRequest: {
        type: 'object',
        required: ['reason'],
        additionalProperties: false,
        properties: {
          reason: { type: 'string', minLength: 3, maxLength: 4000 },
        },
      },
    },
  },
  paths: {
    '/health': {
      get: {
        operationId: 'health',
        responses: {
          '200': ok('Status and registered fact providers'),
          ...errors,
        },
      },
    },
    '/refresh': {
      post: {
        operationId: 'refresh',
        description: 'Re-analyse the whole catalog now',
        responses: { '202': ok('Triggered'), ...errors },
      },
    },
    '/missions': {
      get: {
        operationId: 'missionTree',
        responses: {
          '200': ok('Every mission, the roots and mission problems'),
          ...errors,
          ...notFound,
        },
      },
    },
    '/missions/stale': {
      get: {
        operationId: 'staleMissions',
        responses: {
          '200': ok('Missions past their review date'),
          ...errors,
          ...notFound,
        },
      },
    },
    '/missions/teams-without-mission': {
      get: {
        operationId: 'teamsWithoutMission',
        responses: {
          '200': ok('Teams without a mission of their own'),
          ...errors,
          ...notFound,
        },
      },
    },
    '/missions/broken-chains': {
      get: {
        operationId: 'brokenChains',
        parameters: page(),
        responses: {
          '200': ok('Entities whose chain does not reach the north star'),
          ...errors,
          ...notFound,
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/mission-chain': {
      get: {
        operationId: 'missionChain',
        parameters: entityPath,
        responses: {
          '200': ok('The entity’s mission chain'),
          ...errors,
          ...notFound,
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/scorecard': {
      get: {
        operationId: 'entityScorecard',
        parameters: entityPath,
        responses: {
          '200': ok(
            'Level, score, every guardrail’s result, exemptions and trend',
          ),
          ...errors,
          ...notFound,
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/evaluate': {
      post: {
        operationId: 'evaluateEntity',
        parameters: entityPath,
        responses: {
          '200': ok('Re-evaluated; the new scorecard'),
          ...errors,
          ...notFound,
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/boundaries': {
      get: {
        operationId: 'entityBoundaries',
        parameters: entityPath,
        responses: {
          '200': ok(
            'Owner, team API, cross-team dependencies with their health, problems',
          ),
          ...errors,
          ...notFound,
        },
      },
    },
    '/teams/{namespace}/{name}/boundaries': {
      get: {
        operationId: 'teamBoundaries',
        parameters: teamPath,
        responses: {
          '200': ok('Team API, load, expired collaborations, dependencies'),
          ...errors,
          ...notFound,
        },
      },
    },
    '/teams/{namespace}/{name}/autonomy': {
      get: {
        operationId: 'teamAutonomy',
        parameters: teamPath,
        responses: {
          '200': ok(
            'Earned autonomy level, decision scopes and what would widen them',
          ),
          ...errors,
          ...notFound,
        },
      },
    },
    '/boundaries/map': {
      get: {
        operationId: 'boundaryMap',
        responses: {
          '200': ok('Teams and team-to-team dependencies with their health'),
          ...errors,
          ...notFound,
        },
      },
    },
    '/ownership-gaps': {
      get: {
        operationId: 'ownershipGaps',
        responses: {
          '200': ok('Ownership gaps in the catalog'),
          ...errors,
          ...notFound,
        },
      },
    },
    '/guardrails': {
      get: {
        operationId: 'guardrails',
        responses: {
          '200': ok('Levels and guardrail definitions with their rationale'),
          ...errors,
        },
      },
    },
    '/scorecards': {
      get: {
        operationId: 'scorecards',
        description:
          'Evaluated entities with level and score; filtered, sorted and paginated on the server.',
        parameters: [
          ...scoreFilters,
          {
            name: 'trendDays',
            in: 'query',
            description: 'Include each row’s daily scores for this many days',
            schema: { type: 'integer', minimum: 0, maximum: 90, default: 0 },
          },
          ...page(),
        ],
        responses: {
          '200': ok('A page of entity scores and the total'),
          ...errors,
        },
      },
    },
    '/scorecards/export': {
      get: {
        operationId: 'exportScorecards',
        description: 'Every entity score matching the filters, as CSV.',
        parameters: scoreFilters,
        responses: {
          '200': {
            description: 'CSV',
            content: { 'text/csv': { schema: { type: 'string' } } },
          },
          ...errors,
        },
      },
    },
    '/heatmap': {
      get: {
        operationId: 'heatmap',
        responses: {
          '200': ok('Teams × guardrails: results per state and the share met'),
          ...errors,
        },
      },
    },
    '/rollups': {
      get: {
        operationId: 'rollups',
        parameters: [
          {
            name: 'scope',
            in: 'query',
            required: true,
            schema: {
              type: 'string',
              enum: ['team', 'system', 'domain', 'org'],
            },
          },
          ...page(),
        ],
        responses: {
          '200': ok(
            'Aggregates per team, system, domain, or for the organisation',
          ),
          ...errors,
        },
      },
    },
    '/history': {
      get: {
        operationId: 'history',
        parameters: [
          {
            name: 'scope',
            in: 'query',
            required: true,
            schema: { type: 'string', enum: ['entity', 'team', 'org'] },
          },
          refParam('ref', 'The entity or team ref (not for scope org)'),
          {
            name: 'days',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 730, default: 90 },
          },
        ],
        responses: { '200': ok('Daily points, oldest first'), ...errors },
      },
    },
    '/facts': {
      post: {
        operationId: 'pushFacts',
        description:
          'Facts pushed by external tools (CI with an external access token); the entity is re-evaluated.',
        requestBody: {
          required: true,
          ...json({ $ref: '#/components/schemas/PushFactsRequest' }),
        },
        responses: {
          '200': ok('Stored; the entity’s new score'),
          ...errors,
          ...notFound,
          '413': { $ref: '#/components/responses/Error' },
        },
      },
    },
    '/exemptions': {
      get: {
        operationId: 'listExemptions',
        parameters: [
          list('entityRef', 'Entity refs'),
          { name: 'guardrailId', in: 'query', schema: { type: 'string' } },
          refParam('ownerRef', 'Exemptions of the entities this group owns'),
          list('status', 'active, expired or revoked', {
            type: 'string',
            enum: ['active', 'expired', 'revoked'],
          }),
        ],
        responses: { '200': ok('Exemptions, newest first'), ...errors },
      },
      post: {
        operationId: 'createExemption',
        requestBody: {
          required: true,
          ...json({ $ref: '#/components/schemas/CreateExemptionRequest' }),
        },
        responses: {
          '201': ok('The exemption'),
          ...errors,
          ...notFound,
          '409': { $ref: '#/components/responses/Error' },
        },
      },
    },
    '/exemptions/{id}/revoke': {
      post: {
        operationId: 'revokeExemption',
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: { type: 'string', format: 'uuid' },
          },
        ],
        requestBody: {
          required: true,
          ...json({ $ref: '#/components/schemas/RevokeExemptionRequest' }),
        },
        responses: {
          '200': ok('The revoked exemption (the record is kept)'),
          ...errors,
          ...notFound,
          '409': { $ref: '#/components/responses/Error' },
        },
      },
    },
  },
} as const;
