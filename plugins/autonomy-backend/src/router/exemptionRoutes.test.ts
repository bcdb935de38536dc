import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { exemption } from '../testUtils/apiFixtures';
import { serveRoutes } from './__testUtils__/serveRoutes';

const body = {
  entityRef: 'component:a',
  guardrailId: 'has-runbook',
  reason: 'Runbook is being written',
  expiresAt: '2026-12-20T00:00:00.000Z',
};

describe('exemptionRoutes', () => {
  const reads = {
    listExemptions: jest.fn(async () => ({ items: [exemption()] })),
    getExemption: jest.fn(async (id: string) => exemption({ id })),
  };
  const commands = {
    createExemption: jest.fn(async () => exemption()),
    revokeExemptionAs: jest.fn(
      async (
        id: string,
        _reason: string,
        authorize: (entityRef: string) => Promise<string>,
      ) => {
        await authorize('component:default/a');
        return exemption({ id, status: 'revoked' });
      },
    ),
  };
  const serve = (permission?: AuthorizeResult.DENY) =>
    serveRoutes(
      { guardrailReads: reads, guardrailCommands: commands },
      { permission },
    );

  it('lists exemptions with normalized refs', async () => {
    const server = await serve();
    await request(server)
      .get('/exemptions?entityRef=component:a&status=active&ownerRef=group:one')
      .expect(200);
    expect(reads.listExemptions).toHaveBeenCalledWith({
      entityRef: ['component:default/a'],
      ownerRef: 'group:default/one',
      status: ['active'],
    });
  });

  it('creates an exemption by the signed-in user, on the normalized ref', async () => {
    const server = await serve();
    await request(server).post('/exemptions').send(body).expect(201);
    expect(commands.createExemption).toHaveBeenCalledWith(
      { ...body, entityRef: 'component:default/a' },
      'user:default/maya',
    );
  });

  it('refuses a body the spec does not allow, naming the property or the media type', async () => {
    const server = await serve();
    for (const [send, status, problem] of [
      [
        { ...body, colour: 'red' },
        400,
        /^request\/body\/colour must NOT have additional properties/,
      ],
      [
        { ...body, reason: undefined },
        400,
        /^request\/body\/reason must have required property 'reason'/,
      ],
      [
        { ...body, guardrailId: 'x'.repeat(64) },
        400,
        /^request\/body\/guardrailId must NOT have more than 63 characters/,
      ],
    ] as const) {
      const res = await request(server).post('/exemptions').send(send);
      expect([res.status, res.body.error.message]).toEqual([
        status,
        expect.stringMatching(problem),
      ]);
    }
    // The proxy checks requests too, and this one is meant to break the spec: sent directly.
    const unchecked = await serveRoutes(
      { guardrailCommands: commands },
      { specChecked: false },
    );
    const text = await request(unchecked)
      .post('/exemptions')
      .set('Content-Type', 'text/plain')
      .send('please');
    expect([text.status, text.body.error.message]).toEqual([
      415,
      expect.stringMatching(/^Unsupported media type "text\/plain"/),
    ]);
    expect(commands.createExemption).not.toHaveBeenCalledWith(
      expect.objectContaining({ colour: 'red' }),
      expect.anything(),
    );
  });

  it("revokes as the signed-in user, asking the policy about the exemption's entity", async () => {
    const server = await serve();
    const id = exemption().id;
    const revoked = await request(server)
      .post(`/exemptions/${id}/revoke`)
      .send({ reason: 'Runbook written' })
      .expect(200);
    expect(revoked.body.status).toBe('revoked');
    const [[calledId, reason, authorize]] =
      commands.revokeExemptionAs.mock.calls;
    expect([calledId, reason]).toEqual([id, 'Runbook written']);
    await expect(authorize('component:default/a')).resolves.toBe(
      'user:default/maya',
    );
    await request(server)
      .post('/exemptions/not-a-uuid/revoke')
      .send({ reason: 'Runbook written' })
      .expect(400);
  });

  it('lets the service see a refusal for a service principal or a denying policy', async () => {
    const service = mockCredentials.service.header({
      onBehalfOf: mockCredentials.service('external:ci'),
      targetPluginId: 'autonomy',
    });
    const id = exemption().id;
    for (const [server, authorization] of [
      [await serve(), service],
      [await serve(AuthorizeResult.DENY), undefined],
    ] as const) {
      const call = request(server).post(`/exemptions/${id}/revoke`);
      if (authorization) call.set('Authorization', authorization);
      // The service turns the refusal into a 404; the double here lets it through as a 403.
      const res = await call.send({ reason: 'Runbook written' });
      expect([res.status, res.body.error.name]).toEqual([
        403,
        'NotAllowedError',
      ]);
    }
  });
});
