import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import { createOpenApiRouter, spec } from '../schema/openapi/generated';
import type { AnalysisService } from '../service/AnalysisService';
import type { BoundaryService } from '../service/BoundaryService';
import type { CampaignService } from '../service/CampaignService';
import type { GuardrailCommandService } from '../service/GuardrailCommandService';
import type { GuardrailReadService } from '../service/GuardrailReadService';
import type { MissionService } from '../service/MissionService';
import type { GuardrailPreviewService } from '../service/preview/GuardrailPreviewService';
import { createRouteAccess } from './access';
import { boundaryRoutes } from './boundaryRoutes';
import { campaignRoutes } from './campaignRoutes';
import { exemptionRoutes } from './exemptionRoutes';
import { factRoutes } from './factRoutes';
import { healthRoutes } from './healthRoutes';
import { missionRoutes } from './missionRoutes';
import {
  refuseNulInPathParameters,
  refuseNulInQueryAndBody,
} from './nulCharacters';
import { previewRoutes } from './previewRoutes';
import {
  BODY_LIMIT,
  bodyErrors,
  finiteQueryNumbers,
  nameValidationErrors,
} from './requestErrors';
import { scorecardRoutes } from './scorecardRoutes';
import { guardrailRoutes } from './guardrailRoutes';
import type { GuardrailRecordService } from '../service/GuardrailRecordService';
import type { GuardrailServices } from './types';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  analysis: AnalysisService;
  missions: MissionService;
  boundaries: BoundaryService;
  guardrailReads: GuardrailReadService;
  guardrailCommands: GuardrailCommandService;
  guardrailPreview: GuardrailPreviewService;
  campaigns: CampaignService;
  guardrailRecords: GuardrailRecordService;
}

/**
 * The REST API under /api/autonomy, validated against src/schema/openapi.yaml (also served at
 * /openapi.json) and typed by the code generated from it. Every route authenticates through
 * httpAuth and is authorized by the permission framework; routes talk only to services.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = await createOpenApiRouter({
    // An error handler is valid express middleware; the option's type only names request handlers.
    middleware: [
      express.json({ limit: BODY_LIMIT }),
      bodyErrors as unknown as express.RequestHandler,
    ],
  });
  nameValidationErrors(router);
  router.use(finiteQueryNumbers, refuseNulInQueryAndBody);
  refuseNulInPathParameters(
    router,
    new Set(Object.keys(spec.paths).flatMap(p => p.match(/\w+(?=\})/g) ?? [])),
  );
  const context = { router, access: createRouteAccess(options) };
  const guardrails: GuardrailServices = {
    reads: options.guardrailReads,
    commands: options.guardrailCommands,
  };

  healthRoutes(context, options.analysis);
  missionRoutes(context, options.missions);
  boundaryRoutes(context, options.boundaries);
  scorecardRoutes(context, guardrails);
  guardrailRoutes(context, options.guardrailRecords);
  exemptionRoutes(context, guardrails);
  factRoutes(context, options.guardrailCommands);
  previewRoutes(context, options.guardrailPreview);
  campaignRoutes(context, options.campaigns);
  return router;
}
