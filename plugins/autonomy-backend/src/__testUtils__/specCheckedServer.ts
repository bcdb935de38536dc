import { wrapServer } from '@backstage/backend-openapi-utils/testUtils';
import { mockCredentials } from '@backstage/backend-test-utils';
import express from 'express';
import type { Server } from 'node:http';

/**
 * A server for supertest that reaches `app` through Backstage's OpenAPI proxy, which checks every
 * request and response against the spec the app serves at `/openapi.json`.
 */
export async function specCheckedServer(app: express.Express) {
  // The proxy forwards to `localhost`, trying IPv6 first when the port is open there; listening on
  // IPv4 only keeps it working on hosts whose `localhost` has no IPv6 address.
  const server = await wrapServer({
    listen: (port: number) => app.listen(port, '127.0.0.1'),
  } as express.Express);
  // wrapServer gives the proxy's address as a URL; supertest reads a socket address.
  const url = server.address() as unknown as URL;
  return {
    ...server,
    address: () => ({
      address: url.hostname,
      family: 'IPv4',
      port: Number(url.port),
    }),
  } as Server;
}

/**
 * The same for a test backend (`startTestBackend`), whose plugin serves its spec at
 * `/api/autonomy/openapi.json`: the proxy reads it from the root, with every path under
 * `/api/autonomy`. `unchecked` is the backend itself.
 */
export async function specCheckedBackend(server: Server) {
  const backend = server.listeners('request')[0] as express.Express;
  const app = express();
  app.get('/openapi.json', (req, res, next) => {
    req.url = req.originalUrl = '/api/autonomy/openapi.json';
    // Backends whose callers must sign in serve the spec to signed-in callers only.
    req.headers.authorization ??= mockCredentials.user.header();
    backend(req, res, next);
  });
  app.use((req, res, next) => backend(req, res, next));
  // Requests meant to break the spec (an oversized body) and the CSV export, which the proxy
  // cannot read, go to the backend directly.
  return Object.assign(await specCheckedServer(app), { unchecked: server });
}
