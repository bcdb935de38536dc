import type { Entity } from '@backstage/catalog-model';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { GuardrailAnnotationsProcessor } from './GuardrailAnnotationsProcessor';

const location = { type: 'file', target: '/repo/org.yaml' };
const organisation = {
  levels: ['bronze', 'silver', 'gold'],
  rules: new Map([
    [
      'tier1-recent-chaos-test',
      { fact: 'chaos.passRate', greaterThanOrEqual: 0.95 },
    ],
  ]),
};

const group = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'checkout', annotations },
  spec: { type: 'team', children: [] },
});

async function errorsOf(entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  await new GuardrailAnnotationsProcessor(organisation).postProcessEntity(
    entity,
    location,
    r => emitted.push(r),
  );
  return emitted.map(r => (r.type === 'error' ? r.error.message : r.type));
}

describe('GuardrailAnnotationsProcessor', () => {
  it('accepts an opt-out of a guardrail that is not a required one, and a real tightening', async () => {
    await expect(
      errorsOf(
        group({
          'aligned-autonomy.io/opt-out.api-has-docs':
            'Internal APIs only; the wiki documents them.',
          'aligned-autonomy.io/tighten.tier1-recent-chaos-test':
            'chaos.passRate greaterThanOrEqual 0.99',
        }),
      ),
    ).resolves.toEqual([]);
  });

  it('refuses opting out of a required guardrail, saying so and naming the annotation', async () => {
    await expect(
      errorsOf(
        group({
          'aligned-autonomy.io/opt-out.tier1-recent-chaos-test':
            'We do not like chaos.',
        }),
      ),
    ).resolves.toEqual([
      'group:default/checkout: aligned-autonomy.io/opt-out.tier1-recent-chaos-test: "tier1-recent-chaos-test" is a required guardrail and cannot be opted out of; request an exemption with an expiry instead',
    ]);
  });

  it('refuses loosening a required guardrail, and malformed values', async () => {
    await expect(
      errorsOf(
        group({
          'aligned-autonomy.io/tighten.tier1-recent-chaos-test':
            'chaos.passRate greaterThanOrEqual 0.5',
          'aligned-autonomy.io/opt-out.api-has-docs': 'no',
        }),
      ),
    ).resolves.toEqual([
      'group:default/checkout: aligned-autonomy.io/opt-out.api-has-docs: an opt-out needs its reason in words (at least 10 characters)',
      'group:default/checkout: aligned-autonomy.io/tighten.tier1-recent-chaos-test: 0.5 would loosen the guardrail: it asks chaos.passRate greaterThanOrEqual 0.95, and a team may only tighten it',
    ]);
  });
});
