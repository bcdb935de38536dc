import type { Entity } from '@backstage/catalog-model';
import type { GuardrailDefinition } from '@aligned-autonomy/plugin-autonomy-common';
import {
  pushedFacts,
  type FactSourceSchema,
  type PushedFacts,
} from '../src/domain/guardrails/facts';

/**
 * The synthetic world of tech-insights-study.md §4.2: 5 fact sources × 10 integer facts per
 * entity; every check is one `all` of 3 "at least" conditions. Deterministic, so both engines see
 * exactly the same facts and must reach the same verdicts.
 */
export const SOURCES = 5;
export const FIELDS = 10;

export const value = (entity: number, source: number, field: number) =>
  (entity * 31 + source * 17 + field * 7) % 101;
export const fieldName = (source: number, field: number) =>
  `s${source}_f${field}`;

export function conditions(check: number) {
  return [0, 1, 2].map(m => {
    const source = (check + m) % SOURCES;
    const field = (check * 3 + m) % FIELDS;
    return {
      source,
      name: fieldName(source, field),
      threshold: 10 + ((check * 7 + m * 13) % 40),
    };
  });
}

export function buildWorld(entityCount: number, checkCount: number) {
  const entities: Entity[] = [];
  const pushed = new Map<string, Map<string, PushedFacts>>();
  const observedAt = new Date().toISOString();
  for (let e = 0; e < entityCount; e++) {
    const name = `svc-${e}`;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default' },
      spec: {
        type: 'service',
        owner: `team-${e % 50}`,
        lifecycle: 'production',
      },
      relations: [
        { type: 'ownedBy', targetRef: `group:default/team-${e % 50}` },
      ],
    });
    const sources = new Map<string, PushedFacts>();
    for (let s = 0; s < SOURCES; s++) {
      const values: Record<string, number> = {};
      for (let f = 0; f < FIELDS; f++) values[fieldName(s, f)] = value(e, s, f);
      sources.set(`src${s}`, pushedFacts(values, observedAt));
    }
    pushed.set(`component:default/${name}`, sources);
  }
  const sources: FactSourceSchema[] = Array.from(
    { length: SOURCES },
    (_, s) => ({
      id: `src${s}`,
      maxAgeDays: 36500,
      fields: Object.fromEntries(
        Array.from({ length: FIELDS }, (__, f) => [
          fieldName(s, f),
          'number' as const,
        ]),
      ),
    }),
  );
  const levels = ['bronze', 'silver', 'gold'];
  const definitions: GuardrailDefinition[] = Array.from(
    { length: checkCount },
    (_, k) => ({
      id: `check-${k}`,
      title: `Check ${k}`,
      rationale: { why: 'benchmark' },
      appliesTo: { kind: ['component'] },
      rule: {
        all: conditions(k).map(c => ({
          fact: `src${c.source}.${c.name}`,
          greaterThanOrEqual: c.threshold,
        })),
      },
      level: levels[k % 3],
      weight: 1,
      mode: 'enforced',
    }),
  );
  return { entities, pushed, sources, levels, definitions };
}
