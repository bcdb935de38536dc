/*
 * The Aligned Autonomy demo portal backend (new backend system).
 * It hosts the catalog, guest auth, search, permissions with the demo policy, and our plugins.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for local use (see app-config.yaml)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog, with the Mission kind and team-API processing of Aligned Autonomy
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@aligned-autonomy/plugin-catalog-backend-module-autonomy'));

// permissions, decided by the demo policy in ./permissionPolicy.ts
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissionPolicy'));

// search (in-memory engine on SQLite, PostgreSQL engine when running on pg)
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));
backend.add(import('@backstage/plugin-techdocs-backend'));

backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications in the portal (the bell), pushed live through signals
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Aligned Autonomy
backend.add(import('@aligned-autonomy/plugin-autonomy-backend'));

// the actions of backend.actions.pluginSources as MCP tools at /api/mcp-actions/v1
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
