import type { createOpenApiRouter } from '../schema/openapi/generated';
import type { GuardrailCommandService } from '../service/GuardrailCommandService';
import type { GuardrailReadService } from '../service/GuardrailReadService';
import type { RouteAccess } from './access';

/** The router typed by the spec: each handler's params, query, body and response. */
export type AutonomyRouter = Awaited<ReturnType<typeof createOpenApiRouter>>;

/** What every area's routes get: the router to add to and the access checks. */
export interface RouteContext {
  router: AutonomyRouter;
  access: RouteAccess;
}

/** The guardrail services: reads apart from commands. */
export interface GuardrailServices {
  reads: GuardrailReadService;
  commands: GuardrailCommandService;
}
