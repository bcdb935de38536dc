import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Permission } from '@backstage/plugin-permission-common';
import * as permissionExports from './permissions';

const { autonomyPermissions } = permissionExports;

describe('autonomyPermissions', () => {
  it('are unique and each documented in the package README with its export', () => {
    const names = autonomyPermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);

    const exported = Object.entries(permissionExports).flatMap(
      ([name, value]) =>
        (autonomyPermissions as Permission[]).includes(value as Permission)
          ? [`${(value as Permission).name} ${name}`]
          : [],
    );
    expect(exported).toHaveLength(autonomyPermissions.length);

    // The README's permission table: | `autonomy.read` | `autonomyReadPermission` | ...
    const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
    const documented = [
      ...readme.matchAll(/^\| `(autonomy\.[a-z.]+)`\s*\| `(\w+)`/gm),
    ].map(([, permission, name]) => `${permission} ${name}`);
    expect(documented.sort()).toEqual(exported.sort());
  });
});
