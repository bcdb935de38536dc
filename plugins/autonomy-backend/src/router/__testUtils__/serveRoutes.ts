import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { specCheckedServer } from '../../__testUtils__/specCheckedServer';
import { createRouter, type RouterOptions } from '../index';

type Services = Omit<RouterOptions, 'httpAuth' | 'permissions'>;

/**
 * The router over the given service doubles, behind a proxy that checks every request and
 * response against the OpenAPI spec (unless told not to). Requests carry a user's credentials unless they send
 * another Authorization header; the permission policy allows unless told to deny.
 */
export async function serveRoutes(
  services: Partial<{ [K in keyof Services]: Partial<Services[K]> }>,
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    /** false for a route the proxy cannot check: it reads JSON responses only (the CSV export). */
    specChecked?: boolean;
  } = {},
) {
  const router = await createRouter({
    httpAuth: mockServices.httpAuth({
      pluginId: 'autonomy',
      defaultCredentials: mockCredentials.user('user:default/maya'),
    }),
    permissions: mockServices.permissions({
      result: options.permission ?? AuthorizeResult.ALLOW,
    }),
    ...(services as Services),
  });
  const app = express().use(router).use(mockErrorHandler());
  return options.specChecked === false ? app : specCheckedServer(app);
}

/** Each path beside the status a GET of it answers, so one comparison shows every miss. */
export async function statusesOf(
  server: Parameters<typeof request>[0],
  paths: string[],
) {
  const statuses: [string, number][] = [];
  for (const path of paths)
    statuses.push([path, (await request(server).get(path)).status]);
  return statuses;
}
