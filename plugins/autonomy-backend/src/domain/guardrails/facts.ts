import type { FactObservation } from '@aligned-autonomy/plugin-autonomy-common';
import type { CatalogNode } from '../catalogSnapshot';
import type { EntityMission } from '../missions/resolveMissions';

export type FactValue = string | number | boolean | null | string[];

/** A fact that is missing or older than its freshness limit: rules treat it as unknown. */
export const UNKNOWN = Symbol('unknown');

/** Fact values pushed by one source for one entity. */
export interface PushedFacts {
  values: Record<string, FactValue>;
  observedAt: string;
  /** `observedAt` as epoch ms, parsed once when loaded: freshness is checked on every read. */
  observedAtMs: number;
}

export const pushedFacts = (
  values: Record<string, FactValue>,
  observedAt: string,
): PushedFacts => ({
  values,
  observedAt,
  observedAtMs: Date.parse(observedAt),
});

export type FactFieldType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'datetime'
  | 'string-array';

/** A declared field of a pushed source: its type and, if declared, its range or allowed values. */
export interface FactField {
  type: FactFieldType;
  /** Numbers: the smallest and largest value accepted. */
  min?: number;
  max?: number;
  /** Strings and string arrays: the values accepted. */
  enum?: string[];
}

/**
 * Declared fact source for pushes: its fields and how long values stay fresh. A field is its type
 * alone (`passRate: number`) or its type with a range or allowed values.
 */
export interface FactSourceSchema {
  id: string;
  description?: string;
  maxAgeDays: number;
  fields: Record<string, FactFieldType | FactField>;
}

/** A declared field in its long form, or undefined when the source declares no such field. */
export function factField(
  schema: FactSourceSchema,
  name: string,
): FactField | undefined {
  // Own properties only: "constructor" or "__proto__" are not declared fields.
  if (!Object.hasOwn(schema.fields, name)) return undefined;
  const field = schema.fields[name];
  return typeof field === 'string' ? { type: field } : field;
}

/** Everything known about one entity when its guardrails are evaluated. */
export interface FactContext {
  node: CatalogNode;
  owner?: CatalogNode;
  mission?: EntityMission;
  /** Facts computed by other analyses (e.g. boundaries), by fact id. */
  derived?: Record<string, FactValue>;
  pushed?: Map<string, PushedFacts>;
  provided?: Map<string, Record<string, FactValue>>;
  now: number;
  /**
   * Set when a stored evaluation is explained again at read time: every fact reads the value the
   * run read (see storedOutcome.ts), not the entity's current inputs.
   */
  replay?: FactReplay;
}

/** What a run read of each fact, by fact id, for explaining its stored outcome later. */
export interface FactReplay {
  value(id: string): FactValue | undefined | typeof UNKNOWN;
  observedAt(id: string): string | undefined;
}

export interface FactGetter {
  id: string;
  source: FactObservation['source'];
  /** The value, `undefined` for an absent catalog fact, or UNKNOWN. */
  get(ctx: FactContext): FactValue | undefined | typeof UNKNOWN;
  observedAt?(ctx: FactContext): string | undefined;
  /** Pushed facts: epoch ms after which the value counts as stale, when one was pushed. */
  freshUntil?(ctx: FactContext): number | undefined;
}

const DAY_MS = 86_400_000;

/** Built-in catalog facts, by id. Documented in the README. */
const CATALOG_FACTS: Record<
  string,
  (ctx: FactContext) => FactValue | undefined
> = {
  'entity.kind': c => c.node.kind,
  'entity.type': c => c.node.specType,
  'entity.lifecycle': c => c.node.lifecycle,
  'entity.tier': c => c.node.annotations?.['aligned-autonomy.io/tier'],
  'entity.tags': c => c.node.tags ?? [],
  'entity.linkCount': c => c.node.linkCount ?? 0,
  'owner.ref': c => c.node.ownerRef,
  'owner.exists': c => c.owner !== undefined,
  'owner.kind': c => c.owner?.kind,
  'owner.type': c => c.owner?.specType,
  'owner.isTeam': c =>
    c.owner?.kind === 'group' &&
    c.owner.specType?.toLocaleLowerCase('en-US') === 'team',
  'mission.ref': c => c.mission?.resolution?.missionRef,
  'mission.resolved': c => (c.mission?.chainRefs.length ?? 0) > 0,
  'mission.chainComplete': c =>
    (c.mission?.chainRefs.length ?? 0) > 0 && !c.mission?.problem,
};

/** Fact id prefixes filled by other analyses (`derived`); absent means not computed. */
const DERIVED_PREFIXES = ['boundaries.'];

const ANNOTATION_PREFIX = 'entity.annotations.';

/**
 * Resolves a fact id to a getter once, at compile time, so evaluation is a plain function call.
 * Returns a problem in words for an id no source supplies.
 */
export function compileFactGetter(
  id: string,
  sources: Map<string, FactSourceSchema>,
  providerIds: Set<string>,
): FactGetter | string {
  const getter = liveFactGetter(id, sources, providerIds);
  return typeof getter === 'string' ? getter : replayable(getter);
}

/** A getter that reads the run's recorded value when the context replays a stored evaluation. */
function replayable(getter: FactGetter): FactGetter {
  const { id, get, observedAt } = getter;
  return {
    ...getter,
    get: c => (c.replay ? c.replay.value(id) : get(c)),
    ...(observedAt && {
      observedAt: c => (c.replay ? c.replay.observedAt(id) : observedAt(c)),
    }),
  };
}

function liveFactGetter(
  id: string,
  sources: Map<string, FactSourceSchema>,
  providerIds: Set<string>,
): FactGetter | string {
  // Own properties only: a fact named "constructor" or "toString" is not a catalog fact.
  const catalog = Object.hasOwn(CATALOG_FACTS, id)
    ? CATALOG_FACTS[id]
    : undefined;
  if (catalog) return { id, source: 'catalog', get: catalog };
  if (
    id.startsWith(ANNOTATION_PREFIX) &&
    id.length > ANNOTATION_PREFIX.length
  ) {
    const key = id.slice(ANNOTATION_PREFIX.length);
    return { id, source: 'catalog', get: c => c.node.annotations?.[key] };
  }
  if (DERIVED_PREFIXES.some(p => id.startsWith(p))) {
    return {
      id,
      source: 'catalog',
      get: c =>
        c.derived && Object.hasOwn(c.derived, id) ? c.derived[id] : UNKNOWN,
    };
  }
  const dot = id.indexOf('.');
  const prefix = dot > 0 ? id.slice(0, dot) : id;
  const field = id.slice(dot + 1);
  const schema = sources.get(prefix);
  if (schema && dot > 0) {
    if (!Object.hasOwn(schema.fields, field)) {
      return `fact source "${prefix}" declares no field "${field}" (it has ${Object.keys(
        schema.fields,
      ).join(', ')})`;
    }
    const maxAgeMs = schema.maxAgeDays * DAY_MS;
    return {
      id,
      source: 'pushed',
      get: c => {
        const pushed = c.pushed?.get(prefix);
        if (!pushed || !Object.hasOwn(pushed.values, field)) return UNKNOWN;
        if (c.now - pushed.observedAtMs > maxAgeMs) return UNKNOWN;
        return pushed.values[field];
      },
      observedAt: c => c.pushed?.get(prefix)?.observedAt,
      freshUntil: c => {
        const pushed = c.pushed?.get(prefix);
        return pushed && pushed.observedAtMs + maxAgeMs;
      },
    };
  }
  if (providerIds.has(prefix) && dot > 0) {
    return {
      id,
      source: 'provider',
      get: c => {
        const values = c.provided?.get(prefix);
        if (!values || !Object.hasOwn(values, field)) return UNKNOWN;
        const value = values[field];
        // A provider's NaN or Infinity is no value; stored as JSON it would read back as null.
        return typeof value === 'number' && !Number.isFinite(value)
          ? UNKNOWN
          : value;
      },
    };
  }
  return `unknown fact "${id}": use a catalog fact (${Object.keys(
    CATALOG_FACTS,
  ).join(
    ', ',
  )}, entity.annotations.<key>), boundaries.*, a declared pushed source (${
    [...sources.keys()].join(', ') || 'none declared'
  }) or a fact provider (${[...providerIds].join(', ') || 'none registered'})`;
}

/** What a rule saw of one fact, for the scorecard. */
export function observe(getter: FactGetter, ctx: FactContext): FactObservation {
  const value = getter.get(ctx);
  const observation: FactObservation = {
    id: getter.id,
    value: value === UNKNOWN || value === undefined ? null : value,
    source: getter.source,
  };
  const observedAt = getter.observedAt?.(ctx);
  if (observedAt) observation.observedAt = observedAt;
  if (value === UNKNOWN) observation.unknown = true;
  return observation;
}
