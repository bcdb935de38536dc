/**
 * The shape of the generated organisation: how many entities of each kind, where each kind's
 * indexes start, and the names. Pure arithmetic, so any entity can be generated from its index
 * and any reference mapped back to its index without holding anything.
 *
 * At 100,000 entities: 1 organisation, 50 departments, 1,000 teams, 50 domains, 2,000 systems,
 * 101 missions, and the rest "leaves": components with 1 API and 1 resource in every 20.
 */
export interface Org {
  total: number;
  departments: number;
  teams: number;
  domains: number;
  systems: number;
  /** Teams with a mission of their own: every 20th. */
  teamMissions: number;
  missions: number;
  leaves: number;
  /** First index of each kind; the organisation group is index 0. */
  start: Record<Part, number>;
}

export type Part =
  | 'org'
  | 'department'
  | 'team'
  | 'domain'
  | 'system'
  | 'mission'
  | 'leaf';

/** Leaf classes within each block of 20 leaves. */
export const API_SLOT = 18;
export const RESOURCE_SLOT = 19;
export const BLOCK = 20;
/** Every team whose index is a multiple of this has its own mission. */
export const TEAM_MISSION_EVERY = 20;

export function orgOf(total: number): Org {
  // Teams a multiple of 10 and systems twice the teams keep every inverse relation arithmetic:
  // leaf l is part of system l % systems and owned by team l % teams, the system's owner.
  const teams = Math.max(10, Math.round(total / 1000) * 10);
  const departments = Math.max(2, Math.round(teams / 20));
  const domains = departments;
  const systems = 2 * teams;
  const teamMissions = Math.ceil(teams / TEAM_MISSION_EVERY);
  const missions = 1 + departments + teamMissions;
  const fixed = 1 + departments + teams + domains + systems + missions;
  const leaves = total - fixed;
  if (leaves < 2 * systems) {
    throw new Error(
      `BENCH_SCALE_ENTITIES=${total} is too small for the organisation (${fixed} groups, domains, systems and missions); use 2,000 or more`,
    );
  }
  const order: [Part, number][] = [
    ['org', 1],
    ['department', departments],
    ['team', teams],
    ['domain', domains],
    ['system', systems],
    ['mission', missions],
    ['leaf', leaves],
  ];
  const start = {} as Record<Part, number>;
  let at = 0;
  for (const [part, count] of order) {
    start[part] = at;
    at += count;
  }
  return {
    total,
    departments,
    teams,
    domains,
    systems,
    teamMissions,
    missions,
    leaves,
    start,
  };
}

export const leafKind = (leaf: number) => {
  const slot = leaf % BLOCK;
  if (slot === API_SLOT) return 'API';
  if (slot === RESOURCE_SLOT) return 'Resource';
  return 'Component';
};
export const isComponentLeaf = (leaf: number) => leaf % BLOCK < API_SLOT;

const LEAF_PREFIX: Record<string, string> = {
  Component: 'svc',
  API: 'api',
  Resource: 'res',
};
export const leafName = (leaf: number) =>
  `${LEAF_PREFIX[leafKind(leaf)]}-${leaf}`;

/** Full references, as the catalog writes them in relations. */
export const refs = {
  org: () => 'group:default/org',
  department: (d: number) => `group:default/dept-${d}`,
  team: (t: number) => `group:default/team-${t}`,
  domain: (d: number) => `domain:default/domain-${d}`,
  system: (s: number) => `system:default/system-${s}`,
  northStar: () => 'mission:default/north-star',
  departmentMission: (d: number) => `mission:default/dept-mission-${d}`,
  teamMission: (t: number) => `mission:default/team-mission-${t}`,
  leaf: (l: number) =>
    `${leafKind(l).toLocaleLowerCase('en-US')}:default/${leafName(l)}`,
};

/** The component reference whose pushed facts and scorecard belong to leaf `l`. */
export const componentRef = (leaf: number) => refs.leaf(leaf);

/**
 * The index of an entity reference in the generated world, or undefined if it names nothing
 * there. Accepts any case of the kind, as the catalog does.
 */
export function indexOfRef(org: Org, ref: string): number | undefined {
  const match = /^([a-z]+):default\/([a-z-]+?)-?(\d*)$/.exec(
    ref.toLocaleLowerCase('en-US'),
  );
  if (!match) return undefined;
  const [, kind, prefix, digits] = match;
  const n = digits === '' ? -1 : Number(digits);
  const within = (part: Part, count: number) =>
    n >= 0 && n < count ? org.start[part] + n : undefined;
  switch (`${kind}:${prefix}`) {
    case 'group:org':
      return digits === '' ? 0 : undefined;
    case 'group:dept':
      return within('department', org.departments);
    case 'group:team':
      return within('team', org.teams);
    case 'domain:domain':
      return within('domain', org.domains);
    case 'system:system':
      return within('system', org.systems);
    case 'mission:north-star':
      return digits === '' ? org.start.mission : undefined;
    case 'mission:dept-mission':
      return n >= 0 && n < org.departments
        ? org.start.mission + 1 + n
        : undefined;
    case 'mission:team-mission':
      return n >= 0 && n < org.teams && n % TEAM_MISSION_EVERY === 0
        ? org.start.mission + 1 + org.departments + n / TEAM_MISSION_EVERY
        : undefined;
    case 'component:svc':
    case 'api:api':
    case 'resource:res': {
      const leaf = within('leaf', org.leaves);
      return leaf !== undefined &&
        refs.leaf(leaf - org.start.leaf) === ref.toLocaleLowerCase('en-US')
        ? leaf
        : undefined;
    }
    default:
      return undefined;
  }
}
