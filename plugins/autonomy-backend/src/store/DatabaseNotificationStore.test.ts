import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import type { AutonomyNotification } from '../domain/notifications/notifications';
import { DatabaseNotificationStore } from './DatabaseNotificationStore';
import { openStores } from '../testUtils/openStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const NOW = new Date('2026-11-26T12:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

const notification = (key: string): AutonomyNotification => ({
  key,
  topic: 'autonomy-level-dropped',
  recipients: ['group:default/checkout'],
  payload: {
    title: `title of ${key}`,
    description: 'why',
    link: '/catalog/default/component/checkout-api/autonomy',
    severity: 'high',
  },
});

describe.each(databases.eachSupportedId())(
  'notifications ledger on %p',
  (id: TestDatabaseId) => {
    let knex: Knex;
    let store: DatabaseNotificationStore;

    beforeAll(async () => {
      ({ knex } = await openStores(databases, id));
      store = new DatabaseNotificationStore(knex);
    });

    beforeEach(async () => {
      await knex('autonomy_notifications').delete();
    });

    it('records a key once, also when recorded again or inside a transaction', async () => {
      expect(
        await store.record([notification('a'), notification('b')], NOW),
      ).toEqual(['a', 'b']);
      expect(await store.record([notification('a')], minutes(5))).toEqual([]);
      await knex.transaction(async tx => {
        expect(
          await store.record([notification('b'), notification('c')], NOW, tx),
        ).toEqual(['c']);
      });
      expect(
        (await knex('autonomy_notifications').select('key'))
          .map(r => r.key)
          .sort(),
      ).toEqual(['a', 'b', 'c']);
    });

    it('hands each pending notification to one of two replicas claiming at once, with its content', async () => {
      await store.record(['a', 'b', 'c'].map(notification), NOW);
      const other = new DatabaseNotificationStore(knex);
      const [mine, theirs] = await Promise.all([
        store.claimPending(NOW, minutes(-10)),
        other.claimPending(NOW, minutes(-10)),
      ]);
      const keys = [...mine, ...theirs].map(n => n.key).sort();
      expect(keys).toEqual(['a', 'b', 'c']);
      expect(mine.concat(theirs).find(n => n.key === 'a')).toMatchObject(
        notification('a'),
      );
      // Claimed and not stale: nobody takes them again.
      expect(await store.claimPending(minutes(1), minutes(-10))).toEqual([]);
    });

    it('keeps a sent notification sent; a stale claim is taken again, a released one at once', async () => {
      await store.record(['a', 'b', 'c'].map(notification), NOW);
      const claimed = await store.claimPending(NOW, minutes(-10));
      const byKey = new Map(claimed.map(c => [c.key, c]));
      expect(await store.markSent(byKey.get('a')!, minutes(1))).toBe(true);
      await store.release(byKey.get('b')!);
      // 'c' was claimed by a replica that died: taken again only after the claim went stale.
      const retried = await store.claimPending(minutes(2), minutes(-8));
      expect(retried.map(c => c.key)).toEqual(['b']);
      expect(await store.markSent(retried[0], minutes(3))).toBe(true);
      const again = await store.claimPending(minutes(20), minutes(10));
      expect(again.map(c => c.key)).toEqual(['c']);
      // The dead replica's late completion no longer counts; the new claim's does.
      expect(await store.markSent(byKey.get('c')!, minutes(21))).toBe(false);
      expect(await store.markSent(again[0], minutes(21))).toBe(true);
      expect(await store.get('a')).toEqual({
        key: 'a',
        attempts: 1,
        sentAt: minutes(1).toISOString(),
      });
      expect(await store.get('c')).toMatchObject({ attempts: 2 });
      expect(await store.claimPending(minutes(60), minutes(50))).toEqual(
        expect.not.arrayContaining([expect.objectContaining({ key: 'a' })]),
      );
    });
  },
);
