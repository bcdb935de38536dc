import request from 'supertest';
import { score } from '../testUtils/apiFixtures';
import { serveRoutes } from './__testUtils__/serveRoutes';

describe('factRoutes', () => {
  const commands = {
    pushFacts: jest.fn(async (pushed: { entityRef: string }) => ({
      entityRef: pushed.entityRef,
      source: 'chaos',
      observedAt: '2026-11-26T09:00:00.000Z',
      stored: true,
      score: score(pushed.entityRef),
    })),
  };

  it('stores pushed facts for the normalized ref', async () => {
    const server = await serveRoutes({ guardrailCommands: commands });
    await request(server)
      .post('/facts')
      .send({
        entityRef: 'component:a',
        source: 'chaos',
        values: { passRate: 0.99, tags: ['a'], note: null },
      })
      .expect(200);
    expect(commands.pushFacts).toHaveBeenCalledWith({
      entityRef: 'component:default/a',
      source: 'chaos',
      values: { passRate: 0.99, tags: ['a'], note: null },
    });
  });

  it('refuses a body too large, not JSON, or with values of no fact type', async () => {
    // The proxy checks requests too, and these are meant to break the spec: sent directly.
    const server = await serveRoutes(
      { guardrailCommands: commands },
      { specChecked: false },
    );
    const big = await request(server)
      .post('/facts')
      .send({
        entityRef: 'component:a',
        source: 'chaos',
        values: { x: 'y'.repeat(70_000) },
      });
    expect([big.status, big.body.error.message]).toEqual([
      413,
      'Request body is larger than the 64kb limit',
    ]);
    const notJson = await request(server)
      .post('/facts')
      .set('Content-Type', 'application/json')
      .send('{nope');
    expect([notJson.status, notJson.body.error.message]).toEqual([
      400,
      expect.stringMatching(/^Request body is not valid JSON/),
    ]);
    const nested = await request(server)
      .post('/facts')
      .send({
        entityRef: 'component:a',
        source: 'chaos',
        values: { x: { y: 1 } },
      });
    expect([nested.status, nested.body.error.message]).toEqual([
      400,
      expect.stringMatching(/^request\/body\/values\/x must be string/),
    ]);
    const longName = await request(server)
      .post('/facts')
      .send({
        entityRef: 'component:a',
        source: 'chaos',
        values: { ['x'.repeat(64)]: 1 },
      });
    expect([longName.status, longName.body.error.message]).toEqual([
      400,
      expect.stringMatching(
        /^request\/body\/values must NOT have more than 63/,
      ),
    ]);
  });
});
