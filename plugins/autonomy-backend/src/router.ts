import type {
  HttpAuthService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  autonomyReadPermission,
  autonomyRefreshPermission,
} from '@aligned-autonomy/plugin-autonomy-common';
import express, { type Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { MissionService } from './service/MissionService';
import { ANALYSIS_TASK_ID } from './run/analysisTask';
import type { FactProviderRegistry } from './facts/FactProviderRegistry';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  scheduler: SchedulerService;
  missions: MissionService;
  factProviders: FactProviderRegistry;
}

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const detail = result.error.issues
      .map(i => `${i.path.join('.') || what}: ${i.message}`)
      .join('; ');
    throw new InputError(`Invalid ${what}: ${detail}`);
  }
  return result.data;
}

/** The REST API under /api/autonomy. Every route authenticates and is authorized. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, scheduler, missions, factProviders } = options;
  const router = Router();
  router.use(express.json());

  const authorize = async (req: Request, permission: BasicPermission) => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
  };

  router.get('/health', async (req, res) => {
    await httpAuth.credentials(req);
    res.json({
      status: 'ok',
      factProviders: factProviders
        .list()
        .map(p => ({ id: p.id, description: p.description })),
    });
  });

  router.get('/missions', async (req, res) => {
    await authorize(req, autonomyReadPermission);
    res.json(await missions.getTree());
  });

  router.get('/missions/stale', async (req, res) => {
    await authorize(req, autonomyReadPermission);
    res.json(await missions.getStale());
  });

  router.get('/missions/teams-without-mission', async (req, res) => {
    await authorize(req, autonomyReadPermission);
    res.json(await missions.getTeamsWithoutMission());
  });

  router.get('/missions/broken-chains', async (req, res) => {
    await authorize(req, autonomyReadPermission);
    res.json(
      await missions.getBrokenChains(parse(pageQuery, req.query, 'query')),
    );
  });

  router.get(
    '/entities/:kind/:namespace/:name/mission-chain',
    async (req, res) => {
      await authorize(req, autonomyReadPermission);
      const { kind, namespace, name } = req.params;
      res.json(
        await missions.getChain(stringifyEntityRef({ kind, namespace, name })),
      );
    },
  );

  router.post('/refresh', async (req, res) => {
    await authorize(req, autonomyRefreshPermission);
    await scheduler.triggerTask(ANALYSIS_TASK_ID);
    res.status(202).json({ status: 'triggered', taskId: ANALYSIS_TASK_ID });
  });

  return router;
}
