import { mockServices } from '@backstage/backend-test-utils';
import { createRouter } from './router';
import { spec } from './schema/openapi';

describe('createRouter', () => {
  it('describes every route in the OpenAPI spec, so the validator sees every request', async () => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      scheduler: mockServices.scheduler(),
      missions: {} as any,
      guardrails: {} as any,
      boundaries: {} as any,
      factProviders: { list: () => [] } as any,
    });
    const routes = (router as any).stack
      .filter((layer: any) => layer.route)
      .flatMap((layer: any) =>
        Object.keys(layer.route.methods).map(method => [
          method,
          layer.route.path.replace(/:(\w+)/g, '{$1}'),
        ]),
      )
      .filter(([, path]: string[]) => path !== '/openapi.json');
    expect(routes.length).toBeGreaterThan(15);
    const paths = spec.paths as Record<string, Record<string, unknown>>;
    const undocumented = routes.filter(
      ([method, path]: string[]) => !paths[path]?.[method],
    );
    expect(undocumented).toEqual([]);
  });
});
