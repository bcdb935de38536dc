import type { createOpenApiRouter } from '../schema/openapi/generated';
import type { RouteAccess } from './access';

/** The router typed by the spec: each handler's params, query, body and response. */
export type AutonomyRouter = Awaited<ReturnType<typeof createOpenApiRouter>>;

/** What every area's routes get: the router to add to and the access checks. */
export interface RouteContext {
  router: AutonomyRouter;
  access: RouteAccess;
}
