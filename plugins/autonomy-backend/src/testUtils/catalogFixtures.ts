import type { Entity, EntityRelation } from '@backstage/catalog-model';

/**
 * Builds catalog entities as the catalog would serve them, relations included, so tests and
 * benchmarks exercise the same snapshot code as production without a running catalog.
 */
type Options = {
  owner?: string;
  /** dependsOn targets (full refs). */
  dependsOn?: string[];
  /** consumesApi targets (full refs or API names). */
  consumesApis?: string[];
  /** Users in a group (hasMember relations). */
  members?: string[];
  annotations?: Record<string, string>;
  system?: string;
  domain?: string;
  parent?: string;
  type?: string;
  mission?: string;
  title?: string;
};

const ref = (kind: string, name: string) =>
  name.includes(':') ? name : `${kind}:default/${name}`;

export function entity(
  kind: string,
  name: string,
  options: Options = {},
): Entity {
  const relations: EntityRelation[] = [];
  if (options.owner)
    relations.push({ type: 'ownedBy', targetRef: ref('group', options.owner) });
  if (options.system)
    relations.push({
      type: 'partOf',
      targetRef: ref('system', options.system),
    });
  if (options.domain)
    relations.push({
      type: 'partOf',
      targetRef: ref('domain', options.domain),
    });
  if (kind === 'Group' && options.parent) {
    relations.push({
      type: 'childOf',
      targetRef: ref('group', options.parent),
    });
  }
  for (const target of options.dependsOn ?? []) {
    relations.push({ type: 'dependsOn', targetRef: target });
  }
  for (const api of options.consumesApis ?? []) {
    relations.push({ type: 'consumesApi', targetRef: ref('api', api) });
  }
  for (const user of options.members ?? []) {
    relations.push({ type: 'hasMember', targetRef: ref('user', user) });
  }
  const annotations = {
    ...options.annotations,
    ...(options.mission
      ? { 'aligned-autonomy.io/mission': options.mission }
      : {}),
  };
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      ...(options.title ? { title: options.title } : {}),
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    spec: {
      ...(options.type ? { type: options.type } : {}),
      ...(options.owner ? { owner: options.owner } : {}),
    },
    relations,
  };
}

export function mission(
  name: string,
  options: {
    owner: string;
    parent?: string;
    reviewBy?: string;
    title?: string;
  },
): Entity {
  return {
    apiVersion: 'aligned-autonomy.io/v1alpha1',
    kind: 'Mission',
    metadata: {
      name,
      namespace: 'default',
      ...(options.title ? { title: options.title } : {}),
    },
    spec: {
      owner: options.owner,
      statement: `Statement of ${name}`,
      why: `Why ${name}`,
      ...(options.parent ? { parent: options.parent } : {}),
      ...(options.reviewBy ? { reviewBy: options.reviewBy } : {}),
      successMetrics: [
        { name: 'Metric', target: 10, direction: 'increase', current: 5 },
      ],
    },
    relations: [{ type: 'ownedBy', targetRef: ref('group', options.owner) }],
  };
}

/**
 * A generated organisation of about `size` entities: departments, teams with missions (every
 * seventh team without one), systems and components spread over teams, with some components
 * annotated directly and some systems carrying a mission.
 */
export function generateCatalog(size: number): Entity[] {
  const entities: Entity[] = [
    entity('Group', 'org', { type: 'organization' }),
    mission('north-star', { owner: 'org' }),
  ];
  const departments = 10;
  const teams = Math.max(10, Math.round(size / 40));
  const systems = Math.max(10, Math.round(size / 20));
  for (let d = 0; d < departments; d++) {
    entities.push(
      entity('Group', `dept-${d}`, { type: 'department', parent: 'org' }),
    );
    entities.push(
      mission(`dept-mission-${d}`, {
        owner: `dept-${d}`,
        parent: 'north-star',
      }),
    );
  }
  for (let t = 0; t < teams; t++) {
    entities.push(
      entity('Group', `team-${t}`, {
        type: 'team',
        parent: `dept-${t % departments}`,
      }),
    );
    if (t % 7 !== 0) {
      entities.push(
        mission(`team-mission-${t}`, {
          owner: `team-${t}`,
          parent: `dept-mission-${t % departments}`,
        }),
      );
    }
  }
  // Every seventh team has no mission; annotations must name a mission that exists.
  const missionOfTeam = (i: number) => {
    const t = i % teams;
    return `mission:default/team-mission-${t % 7 === 0 ? 1 : t}`;
  };
  for (let s = 0; s < systems; s++) {
    entities.push(
      entity('System', `system-${s}`, {
        owner: `team-${s % teams}`,
        mission: s % 5 === 0 ? missionOfTeam(s) : undefined,
      }),
    );
  }
  for (let c = 0; entities.length < size; c++) {
    entities.push(
      entity('Component', `component-${c}`, {
        type: 'service',
        owner: `team-${c % teams}`,
        system: `system-${c % systems}`,
        mission: c % 11 === 0 ? missionOfTeam(c) : undefined,
      }),
    );
  }
  return entities;
}
