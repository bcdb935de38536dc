import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** The plugin's migrations, for tests that take a database to one of them and on from there. */
export const MIGRATIONS_DIRECTORY = resolvePackagePath(
  '@aligned-autonomy/plugin-autonomy-backend',
  'migrations',
);
