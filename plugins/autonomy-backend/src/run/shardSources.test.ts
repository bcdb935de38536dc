import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { buildSnapshot } from '../domain/catalogSnapshot';
import { compileGuardrails } from '../domain/guardrails/compileGuardrails';
import { entityContext } from '../domain/guardrails/evaluateCatalog';
import { evaluateOutcome } from '../domain/guardrails/evaluate';
import { previewInputsOf } from '../domain/guardrails/preview/previewInputs';
import { resolveMissions } from '../domain/missions/resolveMissions';
import type { Stores } from '../store/createStores';
import { campaignDef } from '../testUtils/campaignFixtures';
import { entity } from '../testUtils/catalogFixtures';
import { guardrailDef } from '../testUtils/guardrailFixtures';
import { openStores } from '../testUtils/openStores';
import { hashedOutcome } from './evaluateShard';
import {
  inMemorySource,
  storedInputsSource,
  type EntityContext,
} from './shardSources';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const NOW = Date.parse('2027-03-01T00:00:00Z');

const catalog = buildSnapshot([
  entity('Group', 'platform', { type: 'department' }),
  entity('Group', 'checkout', { type: 'team', parent: 'platform' }),
  entity('Domain', 'commerce', { owner: 'platform' }),
  entity('System', 'payments', { owner: 'checkout', domain: 'commerce' }),
  entity('Component', 'checkout-api', {
    owner: 'checkout',
    system: 'payments',
    type: 'service',
    annotations: { 'aligned-autonomy.io/slo': '99.9' },
  }),
  entity('Component', 'orphan', { owner: 'nobody', type: 'library' }),
  entity('Component', 'lonely', { system: 'missing-system' }),
]);

const guardrails = compileGuardrails({
  levels: ['bronze', 'silver'],
  sources: [],
  definitions: [
    guardrailDef('has-slo', {
      fact: 'entity.annotations.aligned-autonomy.io/slo',
      exists: true,
    }),
    guardrailDef(
      'team-owned',
      { fact: 'owner.isTeam', equals: true },
      { level: 'silver' },
    ),
    guardrailDef('owner-known', { fact: 'owner.exists', equals: true }),
    guardrailDef('on-mission', { fact: 'mission.resolved', equals: true }),
    guardrailDef('no-violations', {
      fact: 'boundaries.violations',
      lessThanOrEqual: 0,
    }),
    guardrailDef(
      'service-type',
      { fact: 'entity.type', equals: 'service' },
      { appliesTo: { kind: ['component'] } },
    ),
  ],
});

/** Outcome, header and row hash of each entity, as a shard would decide them from `context`. */
function decided(context: EntityContext, refs: string[]) {
  const facts = {
    ...context,
    pushed: new Map(),
    exemptions: new Map(),
    provided: new Map(),
  };
  return refs.map(ref => {
    const found = entityContext(context.snapshot, facts, ref, NOW);
    const d = hashedOutcome(guardrails, found, context.snapshot);
    return (
      d && { ref, signature: d.outcome.signature, ...d.header, hash: d.hash }
    );
  });
}

describe.each(databases.eachSupportedId())(
  'a replica that did not read the catalog, on %p',
  (id: TestDatabaseId) => {
    let stores: Stores;

    beforeAll(async () => {
      ({ stores } = await openStores(databases, id));
    });

    it('decides every entity from the stored inputs as the coordinator does from the catalog', async () => {
      const missions = new Map(
        resolveMissions(catalog).entities.map(m => [m.entityRef, m]),
      );
      const derived = new Map([
        ['component:default/checkout-api', { 'boundaries.violations': 2 }],
        ['component:default/orphan', { 'boundaries.violations': 0 }],
      ]);
      const { hashes } = await stores.preview.replaceInputs(
        previewInputsOf(catalog, missions, derived),
      );
      const refs = [...catalog.keys()];
      // The replica reads the components alone: their owners and systems are not among them.
      const components = refs.filter(r => r.startsWith('component:'));
      const coordinator = inMemorySource({
        snapshot: catalog,
        missions,
        derived,
        campaigns: [],
        inputHashes: hashes,
      });
      const replica = storedInputsSource(stores);
      const [mine, theirs, theirComponents] = await Promise.all(
        [
          [coordinator, refs],
          [replica, refs],
          [replica, components],
        ].map(async ([source, read]) => {
          const s = source as typeof replica;
          const side = await s.catalogSide(read as string[]);
          return {
            side,
            decided: decided(await s.context(read as string[], side), refs),
          };
        }),
      );
      expect(theirs.decided).toEqual(mine.decided);
      expect(theirs.side.inputHashes).toEqual(mine.side.inputHashes);
      const componentsOnly = (d: typeof mine.decided) =>
        d.filter(e => e?.ref.startsWith('component:'));
      expect(componentsOnly(theirComponents.decided)).toEqual(
        componentsOnly(mine.decided),
      );
      // The boundary fact decided a result: it is in what was compared.
      expect(
        mine.decided.find(d => d?.ref === 'component:default/checkout-api')
          ?.signature,
      ).toContain('fail');
      // The comparison covers entities with an owner, a system and a domain, and without.
      expect(
        mine.decided.filter(Boolean).map(d => [d!.ref, d!.domainRef]),
      ).toContainEqual([
        'component:default/checkout-api',
        'domain:default/commerce',
      ]);
      expect(mine.decided.filter(Boolean).length).toBeGreaterThanOrEqual(5);
    });

    it('evaluates with the campaigns the coordinator stored', async () => {
      await stores.campaigns.replaceDefinitions([
        campaignDef('slo', {
          guardrailIds: ['has-slo'],
          deadline: '2027-03-31',
          targets: { teams: ['group:default/checkout'] },
        }),
      ]);
      await stores.preview.replaceInputs(
        previewInputsOf(catalog, new Map(), new Map()),
      );
      const source = storedInputsSource(stores);
      const ref = 'component:default/orphan';
      const teamRef = 'component:default/checkout-api';
      const context = await source.context(
        [ref, teamRef],
        await source.catalogSide([ref, teamRef]),
      );
      expect(context.campaigns.map(c => c.definition.ref)).toEqual([
        'campaign:default/slo',
      ]);
      const facts = {
        ...context,
        pushed: new Map(),
        exemptions: new Map(),
        provided: new Map(),
      };
      const evaluated = entityContext(context.snapshot, facts, ref, NOW)!;
      // Not the campaign's team: its missing SLO fails as the guardrail says.
      expect(
        evaluateOutcome(
          guardrails,
          evaluated.ctx,
          undefined,
          evaluated.campaigns,
        )!.states[0],
      ).toBe('fail');
      const targeted = entityContext(context.snapshot, facts, teamRef, NOW)!;
      expect(targeted.campaigns?.get('has-slo')?.campaignRef).toBe(
        'campaign:default/slo',
      );
    });
  },
);
