import { testPipeline } from './__testUtils__/testPipeline';
import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { compileGuardrails } from '../domain/guardrails/compileGuardrails';
import { FactProviderRegistry } from '../facts/FactProviderRegistry';
import { StoredGuardrailSets } from '../guardrailSets/GuardrailSets';
import type { Stores } from '../store/createStores';
import { entity } from '../testUtils/catalogFixtures';
import { guardrailEntity } from '../testUtils/guardrailEntityFixtures';
import { guardrailDef } from '../testUtils/guardrailFixtures';
import { alongsideReplica, openReplicaStores } from '../testUtils/replicas';

const LEVELS = ['bronze', 'silver', 'gold'];
const configDefinitions = [
  guardrailDef(
    'owned-by-team',
    { fact: 'owner.isTeam', equals: true },
    { appliesTo: { kind: ['component'] }, type: 'required', source: 'config' },
  ),
];

/** 300 components of two teams; a standard of team-a and team-b's opt-out of a recommended one. */
const catalog: Entity[] = [
  entity('Group', 'team-a', { type: 'team' }),
  entity('Group', 'team-b', {
    type: 'team',
    annotations: {
      'aligned-autonomy.io/opt-out.has-links':
        'Links live in our service registry.',
    },
  }),
  guardrailEntity('has-links', {
    appliesTo: { kind: 'component' },
    rule: { fact: 'entity.linkCount', greaterThanOrEqual: 1 },
  }),
  guardrailEntity('a-has-tier', {
    type: 'team',
    owner: 'team-a',
    appliesTo: { kind: 'component' },
    rule: {
      fact: 'entity.annotations.aligned-autonomy.io/tier',
      exists: true,
    },
  }),
  ...Array.from({ length: 300 }, (_, i) =>
    entity('Component', `c-${i}`, { owner: i % 2 ? 'team-b' : 'team-a' }),
  ),
];

/** A replica: its own client, its own guardrail sets, a slow provider noting what it evaluated. */
function replica(stores: Stores, name: string) {
  const evaluated: string[] = [];
  const providers = new FactProviderRegistry();
  providers.addFactProvider({
    id: 'probe',
    description: 'notes what this replica evaluates',
    async getFacts(refs: string[]) {
      evaluated.push(...refs);
      await new Promise(r => setTimeout(r, 30));
      return new Map();
    },
  });
  const pipeline = testPipeline({
    stores,
    guardrails: compileGuardrails({
      levels: LEVELS,
      sources: [],
      definitions: configDefinitions,
    }),
    guardrailSets: new StoredGuardrailSets({
      store: stores.guardrailSets,
      levels: LEVELS,
      definitions: configDefinitions,
      sources: [],
      providerIds: ['probe'],
    }),
    factProviders: providers,
    entities: () => catalog,
    shardSize: 30,
    pollMs: 20,
    workerId: name,
  });
  return { pipeline, evaluated };
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'catalog guardrails on two replicas on %p',
  (id: TestDatabaseId) => {
    let stores: [Stores, Stores];

    beforeAll(async () => {
      const replicas = await openReplicaStores(databases, id);
      stores = replicas.stores;
      return replicas.close;
    });

    it("evaluates the other replica's shards with the set the coordinator stored", async () => {
      const a = replica(stores[0], 'a');
      const b = replica(stores[1], 'b');
      await alongsideReplica(b.pipeline, () => a.pipeline.runFull());

      // B never read a Guardrail entity itself: its results come from the stored set.
      const byB = b.evaluated.filter(ref => ref.startsWith('component:'));
      expect(byB.length).toBeGreaterThan(0);
      for (const ref of byB) {
        const results = new Map(
          (
            await stores[1].guardrails.getResults(ref, b.pipeline.storedSet)
          ).map(r => [r.guardrailId, r]),
        );
        const ofTeamA = Number(ref.split('-').pop()) % 2 === 0;
        expect(results.has('a-has-tier')).toBe(ofTeamA);
        expect(results.get('has-links')?.optOut !== undefined).toBe(!ofTeamA);
      }
    });
  },
);
