import { buildSnapshot } from '../src/domain/catalogSnapshot';
import { resolveMissions } from '../src/domain/missions/resolveMissions';
import { generateCatalog } from '../src/testUtils/catalogFixtures';
import { measure } from './measure';

/** Mission resolution over a generated catalog: snapshot building and the chain of every entity. */
export function benchMissions(size: number) {
  const entities = generateCatalog(size);
  const snapshot = buildSnapshot(entities);
  const analysis = resolveMissions(snapshot);
  const broken = analysis.entities.filter(e => e.problem).length;
  console.log(
    `\nMissions: ${entities.length} entities, ${analysis.missions.length} missions, ${analysis.entities.length} chains resolved, ${broken} without a complete chain`,
  );
  measure(`build snapshot (${size} entities)`, () => buildSnapshot(entities));
  return measure(`resolve all mission chains (${size} entities)`, () =>
    resolveMissions(snapshot),
  );
}
