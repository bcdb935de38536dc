import type { Entity } from '@backstage/catalog-model';

/** A Guardrail entity as the catalog serves it, with its ownedBy relation. */
export function guardrailEntity(
  name: string,
  spec: Record<string, unknown>,
  title = name,
): Entity {
  const owner = String(spec.owner ?? 'platform');
  return {
    apiVersion: 'aligned-autonomy.io/v1alpha1',
    kind: 'Guardrail',
    metadata: { name, namespace: 'default', title },
    spec: {
      type: 'recommended',
      owner,
      rationale: { why: `Because ${name}` },
      level: 'bronze',
      ...spec,
    },
    relations: [
      {
        type: 'ownedBy',
        targetRef: owner.includes(':') ? owner : `group:default/${owner}`,
      },
    ],
  };
}
