import type { Entity, EntityRelation } from '@backstage/catalog-model';
import {
  API_SLOT,
  BLOCK,
  isComponentLeaf,
  leafKind,
  leafName,
  refs,
  RESOURCE_SLOT,
  TEAM_MISSION_EVERY,
  type Org,
} from './org';

/** Whether the "change 1%" mutation touches this leaf. */
export const isChangedLeaf = (l: number) => l % 100 === 0 && isComponentLeaf(l);

const rel = (type: string, targetRef: string): EntityRelation => ({
  type,
  targetRef,
});
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** The values i < limit with i % modulus === rest. */
const congruent = (rest: number, modulus: number, limit: number) => {
  const out: number[] = [];
  for (let i = rest; i < limit; i += modulus) out.push(i);
  return out;
};
const nameOf = (ref: string) => ref.slice(ref.indexOf('/') + 1);
const hasTeamMission = (t: number) => t % TEAM_MISSION_EVERY === 0;

function group(
  name: string,
  type: string,
  parent: string | undefined,
  relations: EntityRelation[],
): Entity {
  const children = relations
    .filter(r => r.type === 'parentOf')
    .map(r => nameOf(r.targetRef));
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', title: name.replace('-', ' ') },
    spec: { type, children, ...(parent ? { parent: nameOf(parent) } : {}) },
    relations: parent ? [rel('childOf', parent), ...relations] : relations,
  };
}

function department(org: Org, d: number): Entity {
  return group(`dept-${d}`, 'department', refs.org(), [
    ...congruent(d, org.departments, org.teams).map(t =>
      rel('parentOf', refs.team(t)),
    ),
    ...congruent(d, org.departments, org.domains).map(m =>
      rel('ownerOf', refs.domain(m)),
    ),
    rel('ownerOf', refs.departmentMission(d)),
  ]);
}

function team(org: Org, t: number): Entity {
  return group(`team-${t}`, 'team', refs.department(t % org.departments), [
    ...congruent(t, org.teams, org.systems).map(s =>
      rel('ownerOf', refs.system(s)),
    ),
    ...congruent(t, org.teams, org.leaves).map(l =>
      rel('ownerOf', refs.leaf(l)),
    ),
    ...(hasTeamMission(t) ? [rel('ownerOf', refs.teamMission(t))] : []),
  ]);
}

function domain(org: Org, m: number): Entity {
  const owner = refs.department(m % org.departments);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: `domain-${m}`, namespace: 'default' },
    spec: { owner: nameOf(owner) },
    relations: [
      rel('ownedBy', owner),
      ...congruent(m, org.domains, org.systems).map(s =>
        rel('hasPart', refs.system(s)),
      ),
    ],
  };
}

function system(org: Org, s: number): Entity {
  const t = s % org.teams;
  const owner = refs.team(t);
  const missionTeam = t - (t % TEAM_MISSION_EVERY);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: `system-${s}`,
      namespace: 'default',
      // Every fourth system names its mission; the others inherit their owner's.
      ...(s % 4 === 0
        ? {
            annotations: {
              'aligned-autonomy.io/mission': refs.teamMission(missionTeam),
            },
          }
        : {}),
    },
    spec: {
      owner: nameOf(owner),
      domain: `domain-${s % org.domains}`,
    },
    relations: [
      rel('ownedBy', owner),
      rel('partOf', refs.domain(s % org.domains)),
      ...congruent(s, org.systems, org.leaves).map(l =>
        rel('hasPart', refs.leaf(l)),
      ),
    ],
  };
}

function mission(org: Org, i: number): Entity {
  const spec = (owner: string, parent?: string) => ({
    owner,
    statement: `What ${owner} solves`,
    why: `Why ${owner} matters now`,
    ...(parent ? { parent } : {}),
    horizon: '2027',
    reviewBy: '2027-06-30',
    successMetrics: [
      { name: 'Lead time', target: 2, direction: 'decrease', current: 3 },
    ],
  });
  let name: string;
  let owner: string;
  let parent: string | undefined;
  let servedBy: string[];
  if (i === 0) {
    name = 'north-star';
    owner = refs.org();
    servedBy = range(org.departments).map(refs.departmentMission);
  } else if (i <= org.departments) {
    const d = i - 1;
    name = `dept-mission-${d}`;
    owner = refs.department(d);
    parent = refs.northStar();
    servedBy = congruent(d, org.departments, org.teams)
      .filter(hasTeamMission)
      .map(refs.teamMission);
  } else {
    const t = (i - 1 - org.departments) * TEAM_MISSION_EVERY;
    name = `team-mission-${t}`;
    owner = refs.team(t);
    parent = refs.departmentMission(t % org.departments);
    servedBy = [];
  }
  return {
    apiVersion: 'aligned-autonomy.io/v1alpha1',
    kind: 'Mission',
    metadata: { name, namespace: 'default' },
    spec: spec(owner, parent),
    relations: [
      rel('ownedBy', owner),
      ...(parent ? [rel('servesMission', parent)] : []),
      ...servedBy.map(m => rel('servedByMission', m)),
    ],
  };
}

/** Relations of a leaf among leaves: within its team (same system) and across teams. */
function leafLinks(org: Org, l: number): EntityRelation[] {
  const slot = l % BLOCK;
  const exists = (x: number) => x >= 0 && x < org.leaves;
  const out: EntityRelation[] = [];
  const link = (type: string, target: number) => {
    if (exists(target)) out.push(rel(type, refs.leaf(target)));
  };
  if (isComponentLeaf(l)) {
    // Within the system (and team): a chain through the system's components.
    link('dependsOn', l + org.systems);
    link('dependencyOf', l - org.systems);
    // Across teams: slot 7 depends on its neighbour in slot 8.
    if (slot === 7) link('dependsOn', l + 1);
    if (slot === 8) link('dependencyOf', l - 1);
    if (slot === API_SLOT - 2) link('dependsOn', l + 3);
    if (slot === API_SLOT - 1) link('providesApi', l + 1);
    // Slots 0-4 consume the API of the next block, another team's.
    if (slot < 5) link('consumesApi', l - slot + BLOCK + API_SLOT);
  } else if (slot === API_SLOT) {
    link('apiProvidedBy', l - 1);
    for (let c = 0; c < 5; c++) link('apiConsumedBy', l - API_SLOT - BLOCK + c);
  } else if (slot === RESOURCE_SLOT) {
    link('dependencyOf', l - 3);
  }
  return out;
}

const LIFECYCLES = ['production', 'production', 'experimental'];
const COMPONENT_TYPES = ['service', 'service', 'website', 'library'];

function leaf(org: Org, l: number, generation: number): Entity {
  const kind = leafKind(l);
  const owner = refs.team(l % org.teams);
  const partOf = refs.system(l % org.systems);
  const tierShift = isChangedLeaf(l) ? generation : 0;
  let type = COMPONENT_TYPES[l % COMPONENT_TYPES.length];
  if (kind === 'API') type = 'openapi';
  if (kind === 'Resource') type = 'database';
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name: leafName(l),
      namespace: 'default',
      annotations: {
        'aligned-autonomy.io/tier': String(1 + ((l + tierShift) % 3)),
        'backstage.io/source-location': `url:https://git.example.com/${leafName(
          l,
        )}`,
      },
      tags: l % 5 === 0 ? ['java'] : ['typescript'],
      links:
        l % 3 === 0
          ? [{ url: `https://runbooks.example.com/${leafName(l)}` }]
          : [],
    },
    spec: {
      type,
      lifecycle: LIFECYCLES[l % LIFECYCLES.length],
      owner: nameOf(owner),
      system: nameOf(partOf),
    },
    relations: [
      rel('ownedBy', owner),
      rel('partOf', partOf),
      ...leafLinks(org, l),
    ],
  };
}

/**
 * Generates entity number `index` of the organisation, relations included in both directions as
 * the catalog resolves them (ownedBy/ownerOf, childOf/parentOf, partOf/hasPart,
 * dependsOn/dependencyOf, providesApi/apiProvidedBy, consumesApi/apiConsumedBy,
 * servesMission/servedByMission). `generation` is the "change 1%" counter: it moves the tier
 * annotation of every 100th component.
 */
export function generateEntity(
  org: Org,
  index: number,
  generation: number,
): Entity {
  const { start } = org;
  if (index >= start.leaf) return leaf(org, index - start.leaf, generation);
  if (index >= start.mission) return mission(org, index - start.mission);
  if (index >= start.system) return system(org, index - start.system);
  if (index >= start.domain) return domain(org, index - start.domain);
  if (index >= start.team) return team(org, index - start.team);
  if (index >= start.department)
    return department(org, index - start.department);
  return group('org', 'organization', undefined, [
    ...range(org.departments).map(d => rel('parentOf', refs.department(d))),
    rel('ownerOf', refs.northStar()),
  ]);
}
