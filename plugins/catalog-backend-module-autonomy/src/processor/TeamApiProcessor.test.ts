import type { Entity } from '@backstage/catalog-model';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import {
  RELATION_INTERACTED_WITH_BY,
  RELATION_INTERACTS_WITH,
  TeamApiProcessor,
} from './TeamApiProcessor';

const location = { type: 'file', target: '/repo/org.yaml' };

const entity = (
  kind: string,
  annotations: Record<string, string> | undefined,
  namespace?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name: 'checkout',
    ...(namespace ? { namespace } : {}),
    ...(annotations ? { annotations } : {}),
  },
  spec: {},
});

async function process(input: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  const output = await new TeamApiProcessor().postProcessEntity(
    input,
    location,
    r => emitted.push(r),
  );
  return { output, emitted };
}

const errorsOf = (emitted: CatalogProcessorResult[]) =>
  emitted.flatMap(r => (r.type === 'error' ? [r] : []));
const relationsOf = (emitted: CatalogProcessorResult[]) =>
  emitted.flatMap(r => (r.type === 'relation' ? [r.relation] : []));

describe('TeamApiProcessor', () => {
  it('exports the relation names', () => {
    expect(RELATION_INTERACTS_WITH).toBe('interactsWith');
    expect(RELATION_INTERACTED_WITH_BY).toBe('interactedWithBy');
    expect(new TeamApiProcessor().getProcessorName()).toBe('TeamApiProcessor');
  });

  describe('Groups', () => {
    it('emits interaction relations in both directions, in the group namespace', async () => {
      const group = entity(
        'Group',
        {
          'aligned-autonomy.io/team-type': 'stream-aligned',
          'aligned-autonomy.io/support-channel': '#team-checkout',
          'aligned-autonomy.io/interactions':
            'x-as-a-service:platform-runtime, collaboration:group:ops/sre@2027-03-31',
        },
        'commerce',
      );
      const { output, emitted } = await process(group);
      expect(output).toBe(group);
      const self = { kind: 'Group', namespace: 'commerce', name: 'checkout' };
      const platform = {
        kind: 'group',
        namespace: 'commerce',
        name: 'platform-runtime',
      };
      const sre = { kind: 'group', namespace: 'ops', name: 'sre' };
      expect(emitted).toEqual([
        {
          type: 'relation',
          relation: { source: self, type: 'interactsWith', target: platform },
        },
        {
          type: 'relation',
          relation: {
            source: platform,
            type: 'interactedWithBy',
            target: self,
          },
        },
        {
          type: 'relation',
          relation: { source: self, type: 'interactsWith', target: sre },
        },
        {
          type: 'relation',
          relation: { source: sre, type: 'interactedWithBy', target: self },
        },
      ]);
    });

    it('uses the default namespace for a group without one', async () => {
      const { emitted } = await process(
        entity('Group', {
          'aligned-autonomy.io/interactions': 'facilitating:delivery-routing',
        }),
      );
      expect(relationsOf(emitted)[0]).toEqual({
        source: { kind: 'Group', namespace: 'default', name: 'checkout' },
        type: 'interactsWith',
        target: {
          kind: 'group',
          namespace: 'default',
          name: 'delivery-routing',
        },
      });
    });

    it('relates a team once even if it is listed twice', async () => {
      const { emitted } = await process(
        entity('Group', {
          'aligned-autonomy.io/interactions':
            'x-as-a-service:payments, facilitating:Payments',
        }),
      );
      expect(relationsOf(emitted).map(r => r.type)).toEqual([
        'interactsWith',
        'interactedWithBy',
      ]);
    });

    it('reports each problem as an input error naming the annotation, and still relates the valid interactions', async () => {
      const group = entity('Group', {
        'aligned-autonomy.io/team-type': 'squad',
        'aligned-autonomy.io/interactions':
          'x-as-a-service:platform-runtime, collaboration:payments, facilitating:user:maya, collaboration:inventory@2027-02-30, garbage',
      });
      const { output, emitted } = await process(group);
      expect(output).toBe(group);
      const errors = errorsOf(emitted);
      expect(errors.map(e => e.location)).toEqual(Array(5).fill(location));
      expect(errors.map(e => e.error.name)).toEqual(
        Array(5).fill('InputError'),
      );
      expect(errors.map(e => e.error.message)).toEqual([
        'group:default/checkout: aligned-autonomy.io/team-type "squad" is not a team type (stream-aligned, platform, enabling, complicated-subsystem)',
        'group:default/checkout: aligned-autonomy.io/interactions entry "collaboration:payments": a collaboration is time-boxed and needs an end date (@YYYY-MM-DD)',
        'group:default/checkout: aligned-autonomy.io/interactions entry "facilitating:user:maya": "user:maya" is not a Group reference',
        'group:default/checkout: aligned-autonomy.io/interactions entry "collaboration:inventory@2027-02-30": end date "2027-02-30" is not a calendar date YYYY-MM-DD',
        'group:default/checkout: aligned-autonomy.io/interactions entry "garbage" is not "mode:team" or "mode:team@YYYY-MM-DD"',
      ]);
      expect(relationsOf(emitted)).toEqual([
        {
          source: { kind: 'Group', namespace: 'default', name: 'checkout' },
          type: 'interactsWith',
          target: {
            kind: 'group',
            namespace: 'default',
            name: 'platform-runtime',
          },
        },
        {
          source: {
            kind: 'group',
            namespace: 'default',
            name: 'platform-runtime',
          },
          type: 'interactedWithBy',
          target: { kind: 'Group', namespace: 'default', name: 'checkout' },
        },
      ]);
    });

    it('reports a support channel that is no place to ask and a team that is no entity reference', async () => {
      const { emitted } = await process(
        entity('Group', {
          // eslint-disable-next-line no-script-url -- the unsafe input under test
          'aligned-autonomy.io/support-channel': 'javascript:alert(1)',
          'aligned-autonomy.io/interactions':
            'x-as-a-service:payments!!, facilitating:group:default/-sre',
        }),
      );
      expect(errorsOf(emitted).map(e => e.error.message)).toEqual([
        // eslint-disable-next-line no-script-url -- the unsafe input under test
        'group:default/checkout: aligned-autonomy.io/support-channel "javascript:alert(1)" is not a chat channel (#team-checkout), an http or https address or an email address',
        'group:default/checkout: aligned-autonomy.io/interactions entry "x-as-a-service:payments!!": "payments!!" is not a Group reference',
        'group:default/checkout: aligned-autonomy.io/interactions entry "facilitating:group:default/-sre": "group:default/-sre" is not a Group reference',
      ]);
      expect(relationsOf(emitted)).toEqual([]);
    });

    it('emits nothing for a group without team API annotations', async () => {
      expect((await process(entity('Group', undefined))).emitted).toEqual([]);
      expect(
        (
          await process(
            entity('Group', { 'aligned-autonomy.io/mission': 'mission:x' }),
          )
        ).emitted,
      ).toEqual([]);
    });

    it('does not apply the API and Component checks to groups', async () => {
      const { emitted } = await process(
        entity('Group', {
          'aligned-autonomy.io/tier': '9',
          'aligned-autonomy.io/sla-support': 'never',
        }),
      );
      expect(emitted).toEqual([]);
    });
  });

  describe('other kinds', () => {
    const teamApi = {
      'aligned-autonomy.io/team-type': 'squad',
      'aligned-autonomy.io/interactions':
        'x-as-a-service:platform-runtime, garbage',
    };

    it.each([['Component'], ['API'], ['User'], ['System'], ['Mission']])(
      'ignores team API annotations on a %s',
      async kind => {
        const input = entity(kind, teamApi);
        const { output, emitted } = await process(input);
        expect(output).toBe(input);
        expect(emitted).toEqual([]);
      },
    );

    it('accepts an API with a valid SLA', async () => {
      const { emitted } = await process(
        entity('API', {
          'aligned-autonomy.io/sla-availability': '99.9',
          'aligned-autonomy.io/sla-latency-p99': '250ms',
          'aligned-autonomy.io/sla-support': 'business-hours',
        }),
      );
      expect(emitted).toEqual([]);
    });

    it('reports each bad SLA annotation of an API, naming it and its value', async () => {
      const input = entity(
        'API',
        {
          'aligned-autonomy.io/sla-availability': '99.9%',
          'aligned-autonomy.io/sla-latency-p99': '300',
          'aligned-autonomy.io/sla-support': '24/7',
        },
        'commerce',
      );
      const { output, emitted } = await process(input);
      expect(output).toBe(input);
      expect(emitted.every(r => r.type === 'error')).toBe(true);
      expect(errorsOf(emitted).map(e => e.error.message)).toEqual([
        'api:commerce/checkout: aligned-autonomy.io/sla-availability "99.9%" is not a percentage greater than 0 and at most 100, e.g. "99.9"',
        'api:commerce/checkout: aligned-autonomy.io/sla-latency-p99 "300" is not a positive duration in milliseconds or seconds, e.g. "300ms" or "1.5s"',
        'api:commerce/checkout: aligned-autonomy.io/sla-support "24/7" is not one of 24x7, business-hours, best-effort',
      ]);
    });

    it('accepts a Component with a valid tier and SLO', async () => {
      const { emitted } = await process(
        entity('Component', {
          'aligned-autonomy.io/tier': '1',
          'aligned-autonomy.io/slo': '99.95',
        }),
      );
      expect(emitted).toEqual([]);
    });

    it('reports a bad tier and SLO of a Component', async () => {
      const { emitted } = await process(
        entity('Component', {
          'aligned-autonomy.io/tier': '4',
          'aligned-autonomy.io/slo': '0',
        }),
      );
      expect(errorsOf(emitted).map(e => e.error.message)).toEqual([
        'component:default/checkout: aligned-autonomy.io/tier "4" is not a tier (1, 2, 3)',
        'component:default/checkout: aligned-autonomy.io/slo "0" is not a percentage greater than 0 and at most 100, e.g. "99.95"',
      ]);
      expect(errorsOf(emitted).map(e => e.location)).toEqual([
        location,
        location,
      ]);
    });

    it.each([['Component'], ['API'], ['System'], ['Group'], ['Resource']])(
      'reports a malformed mission annotation on a %s, naming it',
      async kind => {
        for (const value of ['group:checkout', 'Checkout Mission!', '']) {
          const { emitted } = await process(
            entity(kind, { 'aligned-autonomy.io/mission': value }),
          );
          expect(errorsOf(emitted).map(e => e.error.message)).toEqual([
            `${kind.toLocaleLowerCase(
              'en-US',
            )}:default/checkout: aligned-autonomy.io/mission ${JSON.stringify(
              value,
            )} is not a Mission reference, e.g. "mission:default/checkout"`,
          ]);
        }
        const valid = await process(
          entity(kind, {
            'aligned-autonomy.io/mission': 'mission:commerce/checkout',
          }),
        );
        expect(errorsOf(valid.emitted)).toEqual([]);
      },
    );

    it('leaves kinds without checks untouched', async () => {
      const { emitted } = await process(
        entity('Resource', {
          'aligned-autonomy.io/tier': '9',
          'aligned-autonomy.io/sla-availability': 'x',
        }),
      );
      expect(emitted).toEqual([]);
    });
  });
});
