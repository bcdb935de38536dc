import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { spec as generated } from '../schema/openapi/generated';
import { serveRoutes } from './__testUtils__/serveRoutes';

describe('healthRoutes', () => {
  const analysis = {
    health: jest.fn(() => ({
      status: 'ok' as const,
      factProviders: [{ id: 'sonar', description: 'Code quality' }],
    })),
    refresh: jest.fn(async () => ({
      status: 'triggered' as const,
      taskId: 'autonomy-catalog-analysis',
    })),
  };

  it('answers health and triggers a refresh', async () => {
    const server = await serveRoutes({ analysis });
    expect((await request(server).get('/health').expect(200)).body).toEqual({
      status: 'ok',
      factProviders: [{ id: 'sonar', description: 'Code quality' }],
    });
    await request(server).post('/refresh').expect(202);
    expect(analysis.refresh).toHaveBeenCalledTimes(1);
  });

  it('refuses a refresh the policy denies, without running it', async () => {
    analysis.refresh.mockClear();
    const server = await serveRoutes(
      { analysis },
      { permission: AuthorizeResult.DENY },
    );
    await request(server).post('/refresh').expect(403);
    expect(analysis.refresh).not.toHaveBeenCalled();
  });

  it('serves the whole spec at /openapi.json', async () => {
    const server = await serveRoutes({ analysis }, { specChecked: false });
    const spec = (await request(server).get('/openapi.json').expect(200)).body;
    // Backstage's router serves the spec through openapi-merge, which labels it 3.0.3.
    expect(spec.paths).toEqual(JSON.parse(JSON.stringify(generated.paths)));
    expect(spec.components).toEqual(
      JSON.parse(JSON.stringify(generated.components)),
    );
  });
});
