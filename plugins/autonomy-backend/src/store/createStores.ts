import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import { DatabaseMissionStore } from './DatabaseMissionStore';
import { DatabaseGuardrailStore } from './DatabaseGuardrailStore';
import { DatabaseGuardrailRunStore } from './DatabaseGuardrailRunStore';
import { DatabaseExemptionStore } from './DatabaseExemptionStore';
import { DatabaseFactStore } from './DatabaseFactStore';
import { DatabaseBoundaryStore } from './DatabaseBoundaryStore';
import { DatabaseGuardrailSetStore } from './DatabaseGuardrailSetStore';
import { DatabasePreviewStore } from './DatabasePreviewStore';
import { DatabaseCampaignStore } from './DatabaseCampaignStore';
import { DatabaseNotificationStore } from './DatabaseNotificationStore';
import { migrateToLatest } from './migrateToLatest';

/** The plugin's migrations (tests also take a database to one of them and on from there). */
export const MIGRATIONS_DIRECTORY = resolvePackagePath(
  '@aligned-autonomy/plugin-autonomy-backend',
  'migrations',
);

export type Stores = Awaited<ReturnType<typeof createStores>>;

/**
 * Opens the plugin database, runs the migrations (unless the operator runs them out-of-band:
 * `backend.database.migrations.skip`) and returns every store on one client.
 */
export async function createStores(database: DatabaseService) {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await migrateToLatest(client, MIGRATIONS_DIRECTORY);
  }
  return {
    missions: new DatabaseMissionStore(client),
    guardrails: new DatabaseGuardrailStore(client),
    runs: new DatabaseGuardrailRunStore(client),
    exemptions: new DatabaseExemptionStore(client),
    facts: new DatabaseFactStore(client),
    boundaries: new DatabaseBoundaryStore(client),
    guardrailSets: new DatabaseGuardrailSetStore(client),
    preview: new DatabasePreviewStore(client),
    campaigns: new DatabaseCampaignStore(client),
    notifications: new DatabaseNotificationStore(client),
  };
}
