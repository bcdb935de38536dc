import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { resolve } from 'path';
import { catalogModuleAutonomy } from './module';

/*
 * The hostile catalog (fixtures/hostile-catalog) through the real catalog with this module: every
 * malformed document is a processing error naming what is wrong, every unusual but valid one is
 * accepted, a file that is not YAML is reported on its location, and nothing stops the rest.
 */

const fixtures = resolve(__dirname, '../fixtures/hostile-catalog');

/** Malformed entities, and what their processing errors must name (every item, at once). */
const malformed: Record<string, string[]> = {
  'mission:default/mission-without-why': ['spec', 'why'],
  'mission:default/mission-with-many-problems': [
    'spec.owner',
    'spec.statement',
    'spec.reviewBy',
    'spec.colour',
    'spec.successMetrics[0].target',
    'spec.successMetrics[0].direction',
  ],
  'mission:default/mission-with-parent-of-another-kind': ['spec.parent'],
  'group:default/group-with-script-channel': [
    'aligned-autonomy.io/support-channel',
  ],
  'group:default/group-with-bad-interactions': ['Team Payments!', '2026-02-30'],
  'group:default/group-with-unknown-team-type': [
    'aligned-autonomy.io/team-type',
  ],
  'api:default/api-with-bad-sla': [
    'aligned-autonomy.io/sla-availability',
    'aligned-autonomy.io/sla-latency-p99',
    'aligned-autonomy.io/sla-support',
  ],
  'component:default/component-with-bad-tier': [
    'aligned-autonomy.io/tier',
    'aligned-autonomy.io/slo',
  ],
  'component:default/component-with-mission-of-another-kind': [
    'aligned-autonomy.io/mission',
  ],
  'component:default/component-with-unparseable-mission': [
    'aligned-autonomy.io/mission',
  ],
};

const accepted = [
  'group:default/hostile-team',
  'group:default/platform-team',
  'mission:default/unicode-mission',
  'api:default/api-with-edge-slas',
  'component:default/hostile-valid-service',
  'component:default/a-name-exactly-sixty-three-characters-long-the-longest-allowed1',
];

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

interface RefreshRow {
  entity_ref: string;
  errors: string | null;
}

// A real catalog backend starts and processes every document: more than jest's default 5 s on a
// busy machine.
jest.setTimeout(180_000);

describe('a hostile catalog through the real catalog', () => {
  it('refuses each malformed document naming the problem, accepts the unusual ones, and keeps processing', async () => {
    const knex = await databases.init('SQLITE_3');
    await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleAutonomy,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [
                {
                  allow: ['Component', 'API', 'Group', 'Location', 'Mission'],
                },
              ],
              locations: ['malformed', 'unusual', 'broken-yaml'].map(file => ({
                type: 'file',
                target: `${fixtures}/${file}.yaml`,
              })),
            },
          },
        }),
      ],
    });

    const errorsOf = (rows: RefreshRow[], ref: string) =>
      rows.find(r => r.entity_ref === ref)?.errors ?? '[]';
    let rows: RefreshRow[] = [];
    let finals: string[] = [];
    const settled = () =>
      Object.keys(malformed).every(ref => errorsOf(rows, ref) !== '[]') &&
      accepted.every(ref => finals.includes(ref)) &&
      rows.some(r => /broken-yaml/.test(r.errors ?? ''));
    // Processing runs in the background; a busy machine only makes it slower.
    for (let waited = 0; !settled() && waited < 90_000; waited += 250) {
      await new Promise(r => setTimeout(r, 250));
      rows = await knex('refresh_state').select('entity_ref', 'errors');
      finals = await knex('final_entities')
        .join(
          'refresh_state',
          'refresh_state.entity_id',
          'final_entities.entity_id',
        )
        .whereNotNull('final_entities.final_entity')
        .pluck('refresh_state.entity_ref');
    }

    for (const [ref, names] of Object.entries(malformed)) {
      const errors = errorsOf(rows, ref);
      for (const name of names)
        expect({ ref, errors }).toEqual({
          ref,
          errors: expect.stringContaining(name),
        });
      expect(finals).not.toContain(ref);
    }
    for (const ref of accepted) {
      expect({ ref, errors: errorsOf(rows, ref) }).toEqual({
        ref,
        errors: '[]',
      });
      expect(finals).toContain(ref);
    }
    expect(rows.some(r => /broken-yaml/.test(r.errors ?? ''))).toBe(true);
  });
});
