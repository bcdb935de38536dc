import { ResponseError } from '@backstage/errors';
import { AutonomyClient } from './AutonomyClient';

const BASE_URL = 'http://backend/api/autonomy';

function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
}

function setup(response: () => Response = () => jsonResponse({ ok: true })) {
  const discoveryApi = { getBaseUrl: jest.fn(async () => BASE_URL) };
  const fetchApi = {
    fetch: jest.fn(async (_input: RequestInfo | URL) => response()),
  };
  const client = new AutonomyClient({ discoveryApi, fetchApi });
  return { client, discoveryApi, fetchApi };
}

describe('AutonomyClient', () => {
  it('gets the mission chain of an entity, URL-encoding every path segment', async () => {
    const body = {
      entityRef: 'component:default/x',
      chain: [],
      evaluatedAt: '2025-01-01T00:00:00Z',
    };
    const { client, discoveryApi, fetchApi } = setup(() => jsonResponse(body));

    const result = await client.getMissionChain({
      kind: 'Component',
      namespace: 'my ns/a',
      name: 'svc#1?x',
    });

    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('autonomy');
    expect(fetchApi.fetch).toHaveBeenCalledTimes(1);
    expect(fetchApi.fetch).toHaveBeenCalledWith(
      `${BASE_URL}/entities/Component/my%20ns%2Fa/svc%231%3Fx/mission-chain`,
    );
    expect(result).toEqual(body);
  });

  it.each([
    ['getMissionTree', '/missions'],
    ['getStaleMissions', '/missions/stale'],
    ['getTeamsWithoutMission', '/missions/teams-without-mission'],
  ] as const)(
    '%s fetches %s and returns the JSON body',
    async (method, path) => {
      const body = { items: [], marker: method };
      const { client, fetchApi } = setup(() => jsonResponse(body));

      const result = await client[method]();

      expect(fetchApi.fetch).toHaveBeenCalledWith(`${BASE_URL}${path}`);
      expect(result).toEqual(body);
    },
  );

  it('gets broken chains with the default page (limit 50, offset 0)', async () => {
    const { client, fetchApi } = setup();
    await client.getBrokenChains();
    const url = new URL(fetchApi.fetch.mock.calls[0][0] as string);
    expect(`${url.origin}${url.pathname}`).toBe(
      `${BASE_URL}/missions/broken-chains`,
    );
    expect(url.searchParams.get('limit')).toBe('50');
    expect(url.searchParams.get('offset')).toBe('0');
  });

  it('gets broken chains with the given limit and offset', async () => {
    const { client, fetchApi } = setup();
    await client.getBrokenChains({ limit: 10, offset: 30 });
    expect(fetchApi.fetch).toHaveBeenCalledWith(
      `${BASE_URL}/missions/broken-chains?limit=10&offset=30`,
    );
  });

  it('rejects with a ResponseError carrying the status when the response is not OK', async () => {
    const { client } = setup(() =>
      jsonResponse(
        {
          error: {
            name: 'NotFoundError',
            message: 'No entity component:default/gone',
          },
          response: { statusCode: 404 },
        },
        { status: 404, statusText: 'Not Found' },
      ),
    );

    const error = await client
      .getMissionChain({
        kind: 'component',
        namespace: 'default',
        name: 'gone',
      })
      .then(
        () => undefined,
        e => e,
      );

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.message).toBe('Request failed with 404 Not Found');
    expect(error.cause).toMatchObject({
      name: 'NotFoundError',
      message: 'No entity component:default/gone',
    });
  });

  it('rejects with a ResponseError for a non-JSON error body too', async () => {
    const { client } = setup(
      () =>
        new Response('upstream exploded', {
          status: 502,
          statusText: 'Bad Gateway',
        }),
    );

    const error = await client.getMissionTree().then(
      () => undefined,
      e => e,
    );
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(502);
    expect(error.cause.message).toContain('upstream exploded');
  });
});
