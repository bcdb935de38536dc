import { mockServices } from '@backstage/backend-test-utils';
import { createRouter } from './index';
import { spec } from '../schema/openapi/generated';

describe('createRouter', () => {
  it('describes every route in the OpenAPI spec, and every operation of the spec has a route', async () => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      analysis: {} as any,
      missions: {} as any,
      guardrailReads: {} as any,
      guardrailCommands: {} as any,
      guardrailPreview: {} as any,
      boundaries: {} as any,
      campaigns: {} as any,
      guardrailRecords: {} as any,
    });
    const routes: string[] = (router as any).stack
      .filter((layer: any) => layer.route)
      .flatMap((layer: any) =>
        Object.keys(layer.route.methods).map(
          method => `${method} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`,
        ),
      )
      .filter((route: string) => route !== 'get /openapi.json');
    const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map(method => `${method} ${path}`),
    );
    expect(routes.sort()).toEqual(operations.sort());
  });
});
