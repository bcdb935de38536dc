import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { buildSnapshot } from '../domain/catalogSnapshot';
import { compileGuardrails } from '../domain/guardrails/compileGuardrails';
import { entityContext } from '../domain/guardrails/evaluateCatalog';
import { evaluateOutcome } from '../domain/guardrails/evaluate';
import type { Stores } from '../store/createStores';
import { campaignDef } from '../testUtils/campaignFixtures';
import { entity } from '../testUtils/catalogFixtures';
import { guardrailDef } from '../testUtils/guardrailFixtures';
import { openStores } from '../testUtils/openStores';
import { storedSource } from './shardSources';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'a replica that did not read the catalog, on %p',
  (id: TestDatabaseId) => {
    let stores: Stores;

    beforeAll(async () => {
      ({ stores } = await openStores(databases, id));
    });

    it('evaluates with the campaigns the coordinator stored', async () => {
      await stores.campaigns.replaceDefinitions([
        campaignDef('slo', {
          guardrailIds: ['has-slo'],
          deadline: '2027-03-31',
          targets: { teams: ['group:default/checkout'] },
        }),
      ]);
      const catalog = buildSnapshot([
        entity('Group', 'checkout', { type: 'team' }),
        entity('Component', 'checkout-api', { owner: 'checkout' }),
      ]);
      const source = storedSource(stores, async refs => {
        const found = new Map();
        for (const ref of [...refs, 'group:default/checkout'])
          found.set(ref, catalog.get(ref)!);
        return found;
      });
      const ref = 'component:default/checkout-api';
      const context = await source.context(
        [ref],
        await source.catalogSide([ref]),
      );
      expect(context.campaigns.map(c => c.definition.ref)).toEqual([
        'campaign:default/slo',
      ]);

      const guardrails = compileGuardrails({
        levels: ['bronze'],
        sources: [],
        definitions: [
          guardrailDef('has-slo', {
            fact: 'entity.annotations.aligned-autonomy.io/slo',
            exists: true,
          }),
        ],
      });
      const evaluated = entityContext(
        context.snapshot,
        {
          ...context,
          pushed: new Map(),
          exemptions: new Map(),
          provided: new Map(),
        },
        ref,
        Date.parse('2027-03-01T00:00:00Z'),
      )!;
      expect(
        evaluateOutcome(
          guardrails,
          evaluated.ctx,
          evaluated.exemptions,
          evaluated.campaigns,
        )!.states,
      ).toEqual(['warning']);
    });
  },
);
