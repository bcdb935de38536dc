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
      expect(await stores.preview.replaceInputs(first)).toBe(3);
      const v1 = await stores.preview.inputsVersion();
      expect(v1).toEqual(expect.any(String));

      expect(await stores.preview.replaceInputs(first)).toBe(0);
      expect(await stores.preview.inputsVersion()).toBe(v1);

      // The clock may not have moved: the entity count tells this change apart anyway.
      await new Promise(resolve => setTimeout(resolve, 5));
      expect(
        await stores.preview.replaceInputs([
          input('a', 'component', 'A'),
          input('x', 'api'),
        ]),
      ).toBe(2);
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
  },
);
