import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { PreviewInput } from '../domain/guardrails/preview/previewInputs';
import type { Stores } from './createStores';
import { openStores } from '../testUtils/openStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const input = (
  name: string,
  kind = 'component',
  title = name,
): PreviewInput => ({
  ref: `${kind}:default/${name}`,
  kind,
  title,
  ownerRef: 'group:default/team-a',
  tags: ['java'],
  linkCount: 1,
});

describe.each(databases.eachSupportedId())(
  'DatabasePreviewStore on %p',
  (id: TestDatabaseId) => {
    let stores: Stores;

    beforeAll(async () => {
      ({ stores } = await openStores(databases, id));
    });

    it('versions the stored inputs: a new version for a change, the same one when nothing changed', async () => {
      expect(await stores.preview.inputsVersion()).toBeUndefined();
      const first = [input('a'), input('b'), input('x', 'api')];
      const firstSync = await stores.preview.replaceInputs(first);
      expect(firstSync.written).toBe(3);
      const v1 = await stores.preview.inputsVersion();
      expect(v1).toEqual(expect.any(String));

      expect((await stores.preview.replaceInputs(first)).written).toBe(0);
      expect(await stores.preview.inputsVersion()).toBe(v1);

      // The clock may not have moved: the entity count tells this change apart anyway.
      await new Promise(resolve => setTimeout(resolve, 5));
      const second = await stores.preview.replaceInputs([
        input('a', 'component', 'A'),
        input('x', 'api'),
      ]);
      expect(second.written).toBe(2);
      // Each entity's hash, for the run to compare: a changed input has a new one.
      const hashOf = (sync: typeof second, name: string) =>
        sync.hashes.get(name);
      expect(hashOf(second, 'component:default/a')).not.toBe(
        hashOf(firstSync, 'component:default/a'),
      );
      expect(hashOf(second, 'api:default/x')).toBe(
        hashOf(firstSync, 'api:default/x'),
      );
      expect(second.hashes.size).toBe(2);
      const v2 = await stores.preview.inputsVersion();
      expect(v2).not.toBe(v1);
      expect(await stores.preview.readInputs()).toEqual([
        input('x', 'api'),
        input('a', 'component', 'A'),
      ]);
      expect(await stores.preview.readInputs(['component'])).toEqual([
        input('a', 'component', 'A'),
      ]);
    });

    it('writes a large catalog’s inputs a chunk at a time, new and changed ones alike', async () => {
      await stores.preview.replaceInputs([]);
      const names = Array.from({ length: 12_000 }, (_, i) => `svc-${i}`);
      const first = await stores.preview.replaceInputs(
        names.map(n => input(n)),
      );
      expect(first.written).toBe(12_000);
      // Every third input changed, one in a thousand gone, 2,000 new: across several chunks.
      const next = [
        ...names
          .filter((_, i) => i % 1000 !== 0)
          .map((n, i) => (i % 3 ? input(n) : input(n, 'component', `${n}!`))),
        ...Array.from({ length: 2_000 }, (_, i) => input(`new-${i}`)),
      ];
      const second = await stores.preview.replaceInputs(next);
      const changedCount = Math.ceil((12_000 - 12) / 3);
      expect(second.written).toBe(changedCount + 12 + 2_000);
      const stored = await stores.preview.readInputs(['component']);
      expect(stored).toHaveLength(next.length);
      expect(new Set(stored.map(i => JSON.stringify(i)))).toEqual(
        new Set(next.map(i => JSON.stringify(i))),
      );
    });
  },
);
