import { ResponseError } from '@backstage/errors';
import { AutonomyClient, scorecardQueryString } from './AutonomyClient';

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

  describe('guardrails', () => {
    const exemption = {
      id: 'ex-1',
      entityRef: 'component:shop/checkout-api',
      guardrailId: 'owner-is-team',
      reason: 'Team being formed',
      expiresAt: '2026-02-01T23:59:59.999Z',
      createdBy: 'user:default/jane',
      createdAt: '2026-01-01T10:00:00Z',
      status: 'active',
    };

    it('gets the guardrail definitions from /guardrails', async () => {
      const body = { levels: ['bronze', 'silver'], guardrails: [] };
      const { client, fetchApi } = setup(() => jsonResponse(body));
      await expect(client.getGuardrails()).resolves.toEqual(body);
      expect(fetchApi.fetch).toHaveBeenCalledWith(`${BASE_URL}/guardrails`);
    });

    it("gets an entity's scorecard, URL-encoding every path segment", async () => {
      const body = { entityRef: 'component:my ns/svc', results: [] };
      const { client, fetchApi } = setup(() => jsonResponse(body));
      await expect(
        client.getEntityScorecard({
          kind: 'Component',
          namespace: 'my ns',
          name: 'svc/1',
        }),
      ).resolves.toEqual(body);
      expect(fetchApi.fetch).toHaveBeenCalledWith(
        `${BASE_URL}/entities/Component/my%20ns/svc%2F1/scorecard`,
      );
    });

    it('rejects with a 404 ResponseError when the entity has not been evaluated', async () => {
      const { client } = setup(() =>
        jsonResponse(
          {
            error: { name: 'NotFoundError', message: 'Not evaluated yet' },
            response: { statusCode: 404 },
          },
          { status: 404, statusText: 'Not Found' },
        ),
      );
      const error = await client
        .getEntityScorecard({
          kind: 'component',
          namespace: 'default',
          name: 'x',
        })
        .catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(404);
    });

    it('creates an exemption with a JSON POST of the request', async () => {
      const { client, fetchApi } = setup(() =>
        jsonResponse(exemption, { status: 201 }),
      );
      const request = {
        entityRef: 'component:shop/checkout-api',
        guardrailId: 'owner-is-team',
        reason: 'Team being formed',
        expiresAt: '2026-02-01T23:59:59.999Z',
        compensatingControl: 'Weekly review',
      };

      await expect(client.createExemption(request)).resolves.toEqual(exemption);

      expect(fetchApi.fetch).toHaveBeenCalledTimes(1);
      const [url, init] = fetchApi.fetch.mock.calls[0] as unknown as [
        string,
        RequestInit,
      ];
      expect(url).toBe(`${BASE_URL}/exemptions`);
      expect(init.method).toBe('POST');
      expect(init.headers).toEqual({ 'Content-Type': 'application/json' });
      expect(JSON.parse(init.body as string)).toEqual(request);
    });

    it('rejects a refused exemption with a ResponseError carrying the server message', async () => {
      const { client } = setup(() =>
        jsonResponse(
          {
            error: {
              name: 'InputError',
              message: 'expiresAt is more than 90 days ahead',
            },
            response: { statusCode: 400 },
          },
          { status: 400, statusText: 'Bad Request' },
        ),
      );
      const error = await client
        .createExemption({
          entityRef: 'component:default/x',
          guardrailId: 'g',
          reason: 'r',
          expiresAt: '2030-01-01T23:59:59.999Z',
        })
        .catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(400);
      expect(error.cause.message).toBe('expiresAt is more than 90 days ahead');
    });

    it('revokes an exemption with a JSON POST of the reason, encoding the id', async () => {
      const revoked = { ...exemption, status: 'revoked' };
      const { client, fetchApi } = setup(() => jsonResponse(revoked));

      await expect(
        client.revokeExemption('ex/1', 'Team exists now'),
      ).resolves.toEqual(revoked);

      const [url, init] = fetchApi.fetch.mock.calls[0] as unknown as [
        string,
        RequestInit,
      ];
      expect(url).toBe(`${BASE_URL}/exemptions/ex%2F1/revoke`);
      expect(init.method).toBe('POST');
      expect(init.headers).toEqual({ 'Content-Type': 'application/json' });
      expect(JSON.parse(init.body as string)).toEqual({
        reason: 'Team exists now',
      });
    });

    it('rejects a forbidden revoke with a 403 ResponseError', async () => {
      const { client } = setup(() =>
        jsonResponse(
          {
            error: { name: 'NotAllowedError', message: 'Unauthorized' },
            response: { statusCode: 403 },
          },
          { status: 403, statusText: 'Forbidden' },
        ),
      );
      const error = await client.revokeExemption('ex-1', 'x').catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(403);
    });
  });

  describe('boundaries', () => {
    it("gets an entity's boundaries, URL-encoding every path segment", async () => {
      const body = { entityRef: 'component:my ns/svc', outbound: [] };
      const { client, fetchApi } = setup(() => jsonResponse(body));
      await expect(
        client.getEntityBoundaries({
          kind: 'Component',
          namespace: 'my ns',
          name: 'svc/1',
        }),
      ).resolves.toEqual(body);
      expect(fetchApi.fetch).toHaveBeenCalledWith(
        `${BASE_URL}/entities/Component/my%20ns/svc%2F1/boundaries`,
      );
    });

    it("gets a team's boundaries and autonomy by namespace and name only", async () => {
      const { client, fetchApi } = setup();
      const team = { kind: 'Group', namespace: 'shop', name: 'check out' };
      await client.getTeamBoundaries(team);
      await client.getTeamAutonomy(team);
      expect(fetchApi.fetch.mock.calls.map(c => c[0])).toEqual([
        `${BASE_URL}/teams/shop/check%20out/boundaries`,
        `${BASE_URL}/teams/shop/check%20out/autonomy`,
      ]);
    });

    it.each([
      ['getBoundaryMap', '/boundaries/map'],
      ['getOwnershipGaps', '/ownership-gaps'],
    ] as const)(
      '%s fetches %s and returns the JSON body',
      async (method, path) => {
        const body = { items: [], marker: method };
        const { client, fetchApi } = setup(() => jsonResponse(body));
        await expect(client[method]()).resolves.toEqual(body);
        expect(fetchApi.fetch).toHaveBeenCalledWith(`${BASE_URL}${path}`);
      },
    );

    it('rejects with a 404 ResponseError when the team has not been analysed', async () => {
      const { client } = setup(() =>
        jsonResponse(
          {
            error: { name: 'NotFoundError', message: 'Not analysed yet' },
            response: { statusCode: 404 },
          },
          { status: 404, statusText: 'Not Found' },
        ),
      );
      const error = await client
        .getTeamAutonomy({ kind: 'Group', namespace: 'default', name: 'x' })
        .catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(404);
    });
  });

  describe('scorecards', () => {
    const page = { items: [], total: 0, evaluatedAt: '2026-11-21T10:00:00Z' };

    it('lists scorecards with every filter, repeating array parameters', async () => {
      const { client, fetchApi } = setup(() => jsonResponse(page));

      await expect(
        client.listScorecards({
          ownerRef: ['group:default/checkout', 'group:shop/payments'],
          systemRef: ['system:default/shop'],
          domainRef: ['domain:default/commerce'],
          kind: ['component', 'api'],
          level: ['gold', 'none'],
          guardrailId: 'has-runbook',
          state: ['fail', 'unknown'],
          q: 'cart & co',
          orderBy: 'score',
          order: 'desc',
          limit: 25,
          offset: 50,
          trendDays: 30,
        }),
      ).resolves.toEqual(page);

      const url = new URL(fetchApi.fetch.mock.calls[0][0] as string);
      expect(`${url.origin}${url.pathname}`).toBe(`${BASE_URL}/scorecards`);
      expect(url.searchParams.getAll('ownerRef')).toEqual([
        'group:default/checkout',
        'group:shop/payments',
      ]);
      expect(url.searchParams.getAll('systemRef')).toEqual([
        'system:default/shop',
      ]);
      expect(url.searchParams.getAll('domainRef')).toEqual([
        'domain:default/commerce',
      ]);
      expect(url.searchParams.getAll('kind')).toEqual(['component', 'api']);
      expect(url.searchParams.getAll('level')).toEqual(['gold', 'none']);
      expect(url.searchParams.get('guardrailId')).toBe('has-runbook');
      expect(url.searchParams.getAll('state')).toEqual(['fail', 'unknown']);
      expect(url.searchParams.get('q')).toBe('cart & co');
      expect(url.searchParams.get('orderBy')).toBe('score');
      expect(url.searchParams.get('order')).toBe('desc');
      expect(url.searchParams.get('limit')).toBe('25');
      expect(url.searchParams.get('offset')).toBe('50');
      expect(url.searchParams.get('trendDays')).toBe('30');
      // The literal query string: repeated keys, reserved characters encoded.
      expect(url.search).toContain(
        'ownerRef=group%3Adefault%2Fcheckout&ownerRef=group%3Ashop%2Fpayments',
      );
    });

    it('leaves out empty filters and lists without a query string when there are none', async () => {
      const { client, fetchApi } = setup(() => jsonResponse(page));
      await client.listScorecards({
        ownerRef: [],
        q: '',
        guardrailId: undefined,
        limit: 25,
      });
      await client.listScorecards();
      expect(fetchApi.fetch.mock.calls.map(c => c[0])).toEqual([
        `${BASE_URL}/scorecards?limit=25`,
        `${BASE_URL}/scorecards`,
      ]);
    });

    it('builds the export URL from the filters only: no paging or trend parameters', async () => {
      const { client, fetchApi } = setup();
      const url = await client.scorecardsCsvUrl({
        ownerRef: ['group:default/a', 'group:default/b'],
        level: ['none'],
        orderBy: 'failing',
        order: 'desc',
        ...({ limit: 25, offset: 25, trendDays: 30 } as object),
      });
      expect(url).toBe(
        `${BASE_URL}/scorecards/export?ownerRef=group%3Adefault%2Fa&ownerRef=group%3Adefault%2Fb&level=none&orderBy=failing&order=desc`,
      );
      expect(fetchApi.fetch).not.toHaveBeenCalled();
      await expect(client.scorecardsCsvUrl()).resolves.toBe(
        `${BASE_URL}/scorecards/export`,
      );
    });

    it('downloads the CSV text through fetchApi, so the request carries the token', async () => {
      const csv = 'entity,title\ncomponent:default/a,A\n';
      const { client, fetchApi } = setup(
        () =>
          new Response(csv, {
            status: 200,
            headers: { 'content-type': 'text/csv; charset=utf-8' },
          }),
      );
      await expect(
        client.downloadScorecardsCsv({ systemRef: ['system:default/shop'] }),
      ).resolves.toBe(csv);
      expect(fetchApi.fetch).toHaveBeenCalledWith(
        `${BASE_URL}/scorecards/export?systemRef=system%3Adefault%2Fshop`,
      );
    });

    it('rejects a failed CSV download with a ResponseError', async () => {
      const { client } = setup(() =>
        jsonResponse(
          { error: { name: 'NotAllowedError', message: 'Unauthorized' } },
          { status: 403, statusText: 'Forbidden' },
        ),
      );
      const error = await client.downloadScorecardsCsv().catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(403);
    });

    it('gets the heat map', async () => {
      const body = { teams: [], guardrails: [], cells: [] };
      const { client, fetchApi } = setup(() => jsonResponse(body));
      await expect(client.getHeatmap()).resolves.toEqual(body);
      expect(fetchApi.fetch).toHaveBeenCalledWith(`${BASE_URL}/heatmap`);
    });

    it('gets the history of a scope, with the ref and the days when given', async () => {
      const { client, fetchApi } = setup(() =>
        jsonResponse({ scope: 'org', points: [] }),
      );
      await client.getHistory('org', undefined, 90);
      await client.getHistory('team', 'group:default/checkout');
      expect(fetchApi.fetch.mock.calls.map(c => c[0])).toEqual([
        `${BASE_URL}/history?scope=org&days=90`,
        `${BASE_URL}/history?scope=team&ref=group%3Adefault%2Fcheckout`,
      ]);
    });

    it('gets the roll-ups of a scope, with the page when given', async () => {
      const { client, fetchApi } = setup(() =>
        jsonResponse({ items: [], total: 0 }),
      );
      await client.getRollups('org');
      await client.getRollups('team', { limit: 500, offset: 500 });
      expect(fetchApi.fetch.mock.calls.map(c => c[0])).toEqual([
        `${BASE_URL}/rollups?scope=org`,
        `${BASE_URL}/rollups?scope=team&limit=500&offset=500`,
      ]);
    });

    it('scorecardQueryString returns an empty string without parameters', () => {
      expect(scorecardQueryString({})).toBe('');
      expect(scorecardQueryString({ state: ['pass'], offset: 0 })).toBe(
        '?state=pass&offset=0',
      );
    });
  });
});
