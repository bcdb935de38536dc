import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  type Permission,
} from '@backstage/plugin-permission-common';
import {
  autonomyEntityEvaluatePermission,
  autonomyExemptionCreatePermission,
  autonomyExemptionRevokePermission,
  autonomyFactsPushPermission,
  autonomyReadPermission,
  autonomyRefreshPermission,
  type GuardrailState,
} from '@aligned-autonomy/plugin-autonomy-common';
import express, { type Request } from 'express';
import { spec } from './schema/openapi';
import type { MissionService } from './service/MissionService';
import type { GuardrailService } from './service/GuardrailService';
import type { ScoreSort } from './store/DatabaseGuardrailStore';
import type { BoundaryService } from './service/BoundaryService';
import { ANALYSIS_TASK_ID } from './run/analysisTask';
import type { FactProviderRegistry } from './facts/FactProviderRegistry';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  scheduler: SchedulerService;
  missions: MissionService;
  guardrails: GuardrailService;
  boundaries: BoundaryService;
  factProviders: FactProviderRegistry;
}

/** Pushed facts and exemptions are small; anything larger is refused with 413. */
const BODY_LIMIT = '64kb';

/**
 * Answers 413 for an oversized body and 400 for a body that is not JSON, naming the problem. The
 * OpenAPI router turns every earlier error into a 400, so these are answered here, in Backstage's
 * error format.
 */
const bodyErrors: express.ErrorRequestHandler = (error, req, res, next) => {
  const status = (
    { 'entity.too.large': 413, 'entity.parse.failed': 400 } as Record<
      string,
      number
    >
  )[error?.type];
  if (!status) {
    next(error);
    return;
  }
  const message =
    status === 413
      ? `Request body is larger than the ${BODY_LIMIT} limit`
      : `Request body is not valid JSON: ${error.message}`;
  res.status(status).json({
    error: {
      name: status === 413 ? 'PayloadTooLargeError' : 'InputError',
      message,
    },
    request: { method: req.method, url: req.url },
    response: { statusCode: status },
  });
};

const strings = (value: unknown): string[] | undefined =>
  value === undefined ? undefined : ([] as unknown[]).concat(value).map(String);

function normalizeRef(ref: string, what: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref));
  } catch {
    throw new InputError(
      `${what} "${ref}" is not an entity reference (kind:namespace/name)`,
    );
  }
}

const entityRefOf = (req: Request) =>
  stringifyEntityRef({
    kind: req.params.kind,
    namespace: req.params.namespace,
    name: req.params.name,
  });

/**
 * The REST API under /api/autonomy, validated against the OpenAPI spec in ./schema/openapi.ts.
 * Every route authenticates through httpAuth and is authorized by the permission framework.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    permissions,
    scheduler,
    missions,
    guardrails,
    boundaries,
    factProviders,
  } = options;
  // Requests are validated against the spec at run time; the router's compile-time typing of a
  // spec this size exceeds TypeScript's instantiation depth, so handlers read validated values.
  const router = createValidatedOpenApiRouter(spec as any, {
    // An error handler is valid express middleware; the option's type only names request handlers.
    middleware: [
      express.json({ limit: BODY_LIMIT }),
      bodyErrors as unknown as express.RequestHandler,
    ],
  }) as unknown as express.Router;

  const authorize = async (
    req: Request,
    permission: Permission,
    resourceRef?: string,
    allow?: ['user'],
  ): Promise<BackstageCredentials> => {
    const credentials = allow
      ? await httpAuth.credentials(req, { allow })
      : await httpAuth.credentials(req);
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef } as any],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${permission.name}${
          resourceRef ? ` on ${resourceRef}` : ''
        }`,
      );
    }
    return credentials;
  };
  const read = (req: Request) => authorize(req, autonomyReadPermission);
  const userRef = (credentials: BackstageCredentials) =>
    (credentials.principal as { userEntityRef?: string }).userEntityRef ??
    'unknown';

  router.get('/health', async (req, res) => {
    await httpAuth.credentials(req);
    res.json({
      status: 'ok',
      factProviders: factProviders
        .list()
        .map(p => ({ id: p.id, description: p.description })),
    });
  });

  router.post('/refresh', async (req, res) => {
    await authorize(req, autonomyRefreshPermission);
    await scheduler.triggerTask(ANALYSIS_TASK_ID);
    res.status(202).json({ status: 'triggered', taskId: ANALYSIS_TASK_ID });
  });

  // Missions
  router.get('/missions', async (req, res) => {
    await read(req);
    res.json(await missions.getTree());
  });
  router.get('/missions/stale', async (req, res) => {
    await read(req);
    res.json(await missions.getStale());
  });
  router.get('/missions/teams-without-mission', async (req, res) => {
    await read(req);
    res.json(await missions.getTeamsWithoutMission());
  });
  router.get('/missions/broken-chains', async (req, res) => {
    await read(req);
    res.json(
      await missions.getBrokenChains({
        limit: Number(req.query.limit ?? 50),
        offset: Number(req.query.offset ?? 0),
      }),
    );
  });
  router.get(
    '/entities/:kind/:namespace/:name/mission-chain',
    async (req, res) => {
      await read(req);
      res.json(await missions.getChain(entityRefOf(req)));
    },
  );

  // Boundaries and earned autonomy
  const teamRefOf = (req: Request) =>
    stringifyEntityRef({
      kind: 'group',
      namespace: req.params.namespace,
      name: req.params.name,
    });
  router.get(
    '/entities/:kind/:namespace/:name/boundaries',
    async (req, res) => {
      await read(req);
      res.json(await boundaries.entityBoundaries(entityRefOf(req)));
    },
  );
  router.get('/teams/:namespace/:name/boundaries', async (req, res) => {
    await read(req);
    res.json(await boundaries.teamBoundaries(teamRefOf(req)));
  });
  router.get('/teams/:namespace/:name/autonomy', async (req, res) => {
    await read(req);
    res.json(await boundaries.teamAutonomy(teamRefOf(req)));
  });
  router.get('/boundaries/map', async (req, res) => {
    await read(req);
    res.json(await boundaries.map());
  });
  router.get('/ownership-gaps', async (req, res) => {
    await read(req);
    res.json(await boundaries.gaps());
  });

  // Guardrails
  router.get('/guardrails', async (req, res) => {
    await read(req);
    res.json(guardrails.getGuardrails());
  });
  router.get('/entities/:kind/:namespace/:name/scorecard', async (req, res) => {
    await read(req);
    res.json(await guardrails.getScorecard(entityRefOf(req)));
  });
  router.post('/entities/:kind/:namespace/:name/evaluate', async (req, res) => {
    const entityRef = entityRefOf(req);
    await authorize(req, autonomyEntityEvaluatePermission, entityRef);
    res.json(await guardrails.evaluate(entityRef));
  });
  const scoreQueryOf = (req: Request) => {
    const q = req.query;
    return {
      ownerRef: strings(q.ownerRef),
      systemRef: strings(q.systemRef),
      domainRef: strings(q.domainRef),
      kind: strings(q.kind),
      level: strings(q.level),
      guardrailId: q.guardrailId as string | undefined,
      state: strings(q.state) as GuardrailState[] | undefined,
      text: q.q as string | undefined,
      orderBy: (q.orderBy as ScoreSort | undefined) ?? 'title',
      order: (q.order as 'asc' | 'desc' | undefined) ?? 'asc',
    };
  };
  router.get('/scorecards', async (req, res) => {
    await read(req);
    const page = {
      limit: Number(req.query.limit ?? 50),
      offset: Number(req.query.offset ?? 0),
    };
    res.json(
      await guardrails.listScores(
        { ...scoreQueryOf(req), ...page },
        { trendDays: Number(req.query.trendDays ?? 0) },
      ),
    );
  });
  router.get('/scorecards/export', async (req, res) => {
    await read(req);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      'attachment; filename="scorecards.csv"',
    );
    for await (const chunk of guardrails.exportCsv(scoreQueryOf(req)))
      res.write(chunk);
    res.end();
  });
  router.get('/heatmap', async (req, res) => {
    await read(req);
    res.json(await guardrails.heatmap());
  });
  router.get('/rollups', async (req, res) => {
    await read(req);
    const scope = req.query.scope as 'team' | 'system' | 'domain' | 'org';
    const column = (
      {
        team: 'owner',
        system: 'system',
        domain: 'domain',
        org: undefined,
      } as const
    )[scope];
    res.json(
      await guardrails.rollups(column, {
        limit: Number(req.query.limit ?? 50),
        offset: Number(req.query.offset ?? 0),
      }),
    );
  });
  router.get('/history', async (req, res) => {
    await read(req);
    const ref = req.query.ref
      ? normalizeRef(String(req.query.ref), 'ref')
      : undefined;
    res.json(
      await guardrails.history(
        req.query.scope as any,
        ref,
        Number(req.query.days ?? 90),
      ),
    );
  });

  router.post('/facts', async (req, res) => {
    await authorize(req, autonomyFactsPushPermission);
    const entityRef = normalizeRef(req.body.entityRef, 'entityRef');
    res.json(await guardrails.pushFacts({ ...req.body, entityRef }));
  });

  // Exemptions
  router.get('/exemptions', async (req, res) => {
    await read(req);
    res.json({
      items: await guardrails.listExemptions({
        entityRef: strings(req.query.entityRef)?.map(r =>
          normalizeRef(r, 'entityRef'),
        ),
        guardrailId: req.query.guardrailId as string | undefined,
        ownerRef: req.query.ownerRef
          ? normalizeRef(String(req.query.ownerRef), 'ownerRef')
          : undefined,
        status: strings(req.query.status) as any,
      }),
    });
  });
  router.post('/exemptions', async (req, res) => {
    const entityRef = normalizeRef(req.body.entityRef, 'entityRef');
    const credentials = await authorize(
      req,
      autonomyExemptionCreatePermission,
      entityRef,
      ['user'],
    );
    res
      .status(201)
      .json(
        await guardrails.createExemption(
          { ...req.body, entityRef },
          userRef(credentials),
        ),
      );
  });
  router.post('/exemptions/:id/revoke', async (req, res) => {
    const exemption = await guardrails.getExemption(req.params.id);
    const credentials = await authorize(
      req,
      autonomyExemptionRevokePermission,
      exemption.entityRef,
      ['user'],
    );
    res.json(
      await guardrails.revokeExemption(
        exemption.id,
        userRef(credentials),
        req.body.reason,
      ),
    );
  });

  return router;
}
