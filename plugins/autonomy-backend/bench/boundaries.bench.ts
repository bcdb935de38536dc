import type { Entity } from '@backstage/catalog-model';
import { buildSnapshot } from '../src/domain/catalogSnapshot';
import { analyzeBoundaries } from '../src/domain/boundaries/analyzeBoundaries';
import { entity } from '../src/testUtils/catalogFixtures';
import { measure } from './measure';

/** A catalog of `size` entities whose components carry three dependency relations each. */
function world(size: number) {
  const teams = Math.round(size / 40);
  const apis = Math.round(size / 12);
  const entities: Entity[] = [];
  for (let t = 0; t < teams; t++)
    entities.push(
      entity('Group', `team-${t}`, {
        type: 'team',
        members: [`u${t}a`, `u${t}b`],
      }),
    );
  for (let a = 0; a < apis; a++) {
    entities.push(
      entity('API', `api-${a}`, {
        owner: `team-${a % teams}`,
        annotations:
          a % 3 ? { 'aligned-autonomy.io/sla-availability': '99.9' } : {},
      }),
    );
  }
  const components = size - entities.length;
  for (let c = 0; c < components; c++) {
    entities.push(
      entity('Component', `svc-${c}`, {
        owner: `team-${c % teams}`,
        consumesApis: [`api-${(c * 7) % apis}`, `api-${(c * 13 + 1) % apis}`],
        dependsOn: [`component:default/svc-${(c * 31 + 5) % components}`],
      }),
    );
  }
  const relations = entities.reduce(
    (n, e) => n + (e.relations?.length ?? 0),
    0,
  );
  return { entities, relations };
}

export function benchBoundaries(size: number) {
  const { entities, relations } = world(size);
  const snapshot = buildSnapshot(entities);
  const analysis = analyzeBoundaries(snapshot, '2026-11-21');
  const health = (h: string) =>
    analysis.dependencies.filter(d => d.health === h).length;
  console.log(
    `\nBoundaries: ${entities.length} entities, ${relations} relations; ${
      analysis.dependencies.length
    } cross-team dependencies (${health('healthy')} healthy, ${health(
      'contract-gap',
    )} contract gaps, ${health('violation')} violations), ${
      analysis.problems.filter(p => p.type === 'dependency-cycle').length
    } cycles`,
  );
  return measure(
    `analyse boundaries (${entities.length} entities, ${relations} relations)`,
    () => analyzeBoundaries(snapshot, '2026-11-21'),
  );
}
