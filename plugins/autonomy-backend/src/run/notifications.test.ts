import { testPipeline } from './__testUtils__/testPipeline';
import {
  TestDatabases,
  mockServices,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { Knex } from 'knex';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { compileGuardrails } from '../domain/guardrails/compileGuardrails';
import { guardrailSummaries } from '../domain/notifications/guardrailFailing';
import { FactProviderRegistry } from '../facts/FactProviderRegistry';
import { AutonomyNotifier } from '../service/AutonomyNotifier';
import { CampaignService } from '../service/CampaignService';
import { campaignEntity } from '../testUtils/campaignFixtures';
import { campaignDeadlinesDue } from './notificationTask';
import type { Stores } from '../store/createStores';
import { entity } from '../testUtils/catalogFixtures';
import { guardrailDef } from '../testUtils/guardrailFixtures';
import { openStores } from '../testUtils/openStores';

jest.setTimeout(120_000);

const definitions = [
  guardrailDef('owned-by-team', { fact: 'owner.isTeam', equals: true }),
  guardrailDef(
    'probed',
    { fact: 'probe.ok', equals: true },
    {
      title: 'Probe passes',
      level: 'silver',
      appliesTo: { kind: ['component'] },
      rationale: { why: 'It must work.', howToFix: 'Make the probe pass.' },
    },
  ),
];
const guardrails = compileGuardrails({
  levels: ['bronze', 'silver'],
  sources: [],
  providerIds: ['probe'],
  definitions,
});

const TEAM = 'group:default/checkout';
const entities = [
  entity('Group', 'checkout', { type: 'team', members: ['ada'] }),
  entity('User', 'ada'),
  entity('User', 'bob'),
  entity('Component', 'a', { owner: 'checkout', type: 'service' }),
  entity('Component', 'b', { owner: 'checkout', type: 'service' }),
];
const memberships = new Map([['user:default/ada', [TEAM]]]);

/** A replica: its pipeline and notifier, sending to a recording stand-in for Backstage's service. */
function replica(
  stores: Stores,
  probe: Map<string, boolean>,
  sent: NotificationSendOptions[],
  send?: (n: NotificationSendOptions) => Promise<void>,
  catalog: Entity[] = entities,
) {
  const providers = new FactProviderRegistry();
  providers.addFactProvider({
    id: 'probe',
    description: 'what the test says',
    async getFacts(refs: string[]) {
      return new Map(refs.map(r => [r, { ok: probe.get(r) ?? true }]));
    },
  });
  const notifier = new AutonomyNotifier({
    stores,
    guardrails: async () => guardrailSummaries(definitions),
    readMemberships: async users =>
      new Map(
        users.flatMap(u =>
          memberships.has(u) ? [[u, memberships.get(u)!]] : [],
        ),
      ),
    notifications: {
      send: async n => {
        await send?.(n);
        sent.push(n);
      },
    },
    extraDue: () =>
      campaignDeadlinesDue(
        new CampaignService(stores.campaigns, () => new Date()),
      ),
    logger: mockServices.logger.mock(),
    now: () => new Date(),
  });
  const pipeline = testPipeline({
    stores,
    guardrails,
    factProviders: providers,
    entities: () => catalog,
    pollMs: 20,
    notifications: notifier,
  });
  return { pipeline, notifier };
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'notifications from the pipeline on %p',
  (id: TestDatabaseId) => {
    let knex: Knex;
    let stores: Stores;

    beforeEach(async () => {
      ({ knex, stores } = await openStores(databases, id));
    });

    const keysOf = (sent: NotificationSendOptions[]) =>
      sent.map(n => n.payload.scope ?? '').sort();

    it('tells the owning team once that an entity dropped a level, across scheduled runs and replicas', async () => {
      const probe = new Map<string, boolean>();
      const sent: NotificationSendOptions[] = [];
      const one = replica(stores, probe, sent);
      const two = replica(stores, probe, sent);
      await one.pipeline.runFull();
      expect(sent).toEqual([]);

      probe.set('component:default/a', false);
      await one.pipeline.runFull();
      const day = new Date().toISOString().slice(0, 10);
      const drop = `level-dropped:component:default/a:silver>bronze:${day}`;
      const failing = `guardrail-failing:${TEAM}:probed:${day}`;
      expect(keysOf(sent)).toEqual([failing, drop]);
      const dropped = sent.find(n => n.payload.scope === drop)!;
      expect(dropped).toEqual({
        recipients: { type: 'entity', entityRef: [TEAM] },
        payload: expect.objectContaining({
          title: 'a dropped from silver to bronze',
          link: '/catalog/default/component/a/autonomy',
          topic: 'autonomy-level-dropped',
          severity: 'high',
        }),
      });
      expect(
        sent.find(n => n.payload.scope === failing)!.payload,
      ).toMatchObject({
        topic: 'autonomy-guardrail-failing',
        link: '/catalog/default/group/checkout/autonomy',
      });

      // Later scheduled runs, on either replica, and both sweeps at once: nothing again.
      await two.pipeline.runFull();
      await one.pipeline.runFull();
      await Promise.all([
        one.notifier.runScheduled(),
        two.notifier.runScheduled(),
      ]);
      expect(keysOf(sent)).toEqual([failing, drop]);
      const ledger = await knex('autonomy_notifications').select(
        'key',
        'sent_at',
      );
      expect(ledger.map(r => r.key).sort()).toEqual([failing, drop]);
      expect(ledger.every(r => r.sent_at)).toBe(true);
    });

    it('records a drop found by a single-entity re-evaluation and a run at once on two replicas once', async () => {
      const probe = new Map<string, boolean>();
      const sent: NotificationSendOptions[] = [];
      const one = replica(stores, probe, sent);
      const two = replica(stores, probe, sent);
      await one.pipeline.runFull();
      probe.set('component:default/b', false);
      await Promise.all([
        one.pipeline.runEntity('component:default/b'),
        two.pipeline.runFull(),
      ]);
      await Promise.all([
        one.notifier.sendPending(),
        two.notifier.sendPending(),
      ]);
      expect(keysOf(sent).filter(k => k.startsWith('level-dropped'))).toEqual([
        expect.stringMatching(
          /^level-dropped:component:default\/b:silver>bronze:/,
        ),
      ]);
      expect(sent).toHaveLength(2);
    });

    it('keeps a notification whose send failed and sends it with the next sweep', async () => {
      const probe = new Map<string, boolean>();
      const sent: NotificationSendOptions[] = [];
      let down = true;
      const { pipeline, notifier } = replica(stores, probe, sent, async () => {
        if (down) throw new Error('notifications backend unavailable');
      });
      await pipeline.runFull();
      probe.set('component:default/a', false);
      await pipeline.runFull();
      expect(sent).toEqual([]);
      expect(
        await knex('autonomy_notifications').whereNull('sent_at'),
      ).toHaveLength(2);
      down = false;
      await notifier.runScheduled();
      expect(sent).toHaveLength(2);
      await notifier.runScheduled();
      expect(sent).toHaveLength(2);
    });

    it('reminds of an expiring exemption once, never a requester outside the owning team', async () => {
      const probe = new Map([['component:default/a', false]]);
      const sent: NotificationSendOptions[] = [];
      const one = replica(stores, probe, sent);
      const two = replica(stores, probe, sent);
      await one.pipeline.runFull();
      const inFiveDays = new Date(Date.now() + 5 * 86_400_000).toISOString();
      const byAda = await stores.exemptions.create(
        {
          entityRef: 'component:default/a',
          guardrailId: 'probed',
          reason: 'r',
          expiresAt: inFiveDays,
        },
        'user:default/ada',
        new Date(),
      );
      const byBob = await stores.exemptions.create(
        {
          entityRef: 'component:default/b',
          guardrailId: 'probed',
          reason: 'r',
          expiresAt: inFiveDays,
        },
        'user:default/bob',
        new Date(),
      );
      sent.length = 0;
      await Promise.all([
        one.notifier.runScheduled(),
        two.notifier.runScheduled(),
      ]);
      await one.notifier.runScheduled();
      const reminders = sent.filter(
        n => n.payload.topic === 'autonomy-exemption-expiring',
      );
      const to = (exemptionId: string) =>
        reminders
          .filter(
            n => n.payload.scope === `exemption-expiring:${exemptionId}:7-days`,
          )
          .map(n => n.recipients);
      expect(reminders).toHaveLength(2);
      expect(to((byAda as any).created.id)).toEqual([
        { type: 'entity', entityRef: ['user:default/ada', TEAM] },
      ]);
      // Bob requested it but is not in the owning team: only the team hears of it.
      expect(to((byBob as any).created.id)).toEqual([
        { type: 'entity', entityRef: [TEAM] },
      ]);
      expect(reminders[0].payload.link).toMatch(
        /^\/catalog\/default\/component\/[ab]\/autonomy$/,
      );
    });

    it('reminds a team behind on a campaign once, 14 days ahead, linking to the campaign page', async () => {
      const deadline = new Date(Date.now() + 10 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const catalog = [
        ...entities,
        campaignEntity('probe-everything', {
          title: 'Probe everything',
          guardrails: ['probed'],
          deadline,
        }),
      ];
      const probe = new Map([['component:default/a', false]]);
      const sent: NotificationSendOptions[] = [];
      const one = replica(stores, probe, sent, undefined, catalog);
      const two = replica(stores, probe, sent, undefined, catalog);
      await one.pipeline.runFull();
      await Promise.all([
        one.notifier.runScheduled(),
        two.notifier.runScheduled(),
      ]);
      await two.notifier.runScheduled();
      const reminders = sent.filter(
        n => n.payload.topic === 'autonomy-campaign-deadline',
      );
      expect(reminders).toEqual([
        {
          recipients: { type: 'entity', entityRef: [TEAM] },
          payload: expect.objectContaining({
            scope: `campaign-deadline:campaign:default/probe-everything:${TEAM}:14-days`,
            title: `Campaign "Probe everything" is due in 10 days (${deadline}): 1 of 2 done`,
            link: '/autonomy/campaigns/default/probe-everything',
          }),
        },
      ]);
    });
  },
);
