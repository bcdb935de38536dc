import type { GuardrailDefinition } from '@aligned-autonomy/plugin-autonomy-common';
import { GUARDRAIL_ANNOTATION_PREFIXES } from '@aligned-autonomy/plugin-autonomy-common';
import type { CatalogNode, CatalogSnapshot } from '../domain/catalogSnapshot';
import {
  compileGuardrails,
  type CompiledGuardrails,
} from '../domain/guardrails/compileGuardrails';
import {
  buildGuardrailSet,
  type CatalogGuardrail,
  type GuardrailSet,
} from '../domain/guardrails/guardrailSet';
import type { FactSourceSchema } from '../domain/guardrails/facts';
import type { RuleOperator } from '../domain/guardrails/operators';
import type { DatabaseGuardrailSetStore } from '../store/DatabaseGuardrailSetStore';
import type { StoredSetLookup } from '../store/scoreRows';

/** A guardrail set with its compiled form. */
export interface EffectiveGuardrails {
  compiled: CompiledGuardrails;
  set: GuardrailSet;
}

/** Where the pipeline and the services get the guardrails they evaluate and read with. */
export interface GuardrailSetSource {
  /** The set of the last applied full run (app-config's alone before the first). */
  current(): Promise<EffectiveGuardrails>;
  /** The set a run evaluates with, by the fingerprint its shards carry. */
  byFingerprint(fingerprint: string | undefined): Promise<EffectiveGuardrails>;
  /** Builds and stores the set for a new full run from the catalog it read. */
  prepare(snapshot: CatalogSnapshot, at: Date): Promise<EffectiveGuardrails>;
}

/** How stored outcomes find the set they were evaluated with, to be put in words. */
export const storedSetLookup =
  (sets: Pick<GuardrailSetSource, 'byFingerprint'>): StoredSetLookup =>
  async fingerprint =>
    (await sets.byFingerprint(fingerprint)).compiled;

const emptySet = (definitions: GuardrailDefinition[]): GuardrailSet => ({
  definitions,
  optOuts: [],
  tightenings: [],
  problems: [],
});

/** Always the same set: tests, benchmarks and a plugin without catalog guardrails. */
export function fixedGuardrailSet(
  compiled: CompiledGuardrails,
): GuardrailSetSource {
  const effective = {
    compiled,
    set: emptySet(compiled.guardrails.map(g => g.definition)),
  };
  return {
    current: async () => effective,
    byFingerprint: async () => effective,
    prepare: async () => effective,
  };
}

const declares = (node: CatalogNode) =>
  !!node.annotations &&
  Object.keys(node.annotations).some(
    key =>
      key.startsWith(GUARDRAIL_ANNOTATION_PREFIXES.optOut) ||
      key.startsWith(GUARDRAIL_ANNOTATION_PREFIXES.tighten),
  );

/** Sets compiled at most once per fingerprint per replica; a handful is all a replica sees. */
const CACHE_SIZE = 4;

/**
 * App-config's guardrails and the catalog's, stored by fingerprint. Each full run reads the
 * Guardrail entities and the teams' annotations from its snapshot, builds the effective set
 * (guardrailSet.ts), stores it and evaluates with it; other replicas evaluate their shards with
 * the set the shard names, and readers anywhere use the set of the last applied run: one indexed
 * row read per request, the compiled set cached by its fingerprint. Nothing only the analysing
 * replica knows.
 */
export class StoredGuardrailSets implements GuardrailSetSource {
  private readonly cache = new Map<string, Promise<EffectiveGuardrails>>();
  private readonly configured: EffectiveGuardrails;

  constructor(
    private readonly options: {
      store: Pick<
        DatabaseGuardrailSetStore,
        'save' | 'get' | 'latest' | 'appliedFingerprint'
      >;
      levels: string[];
      /** app-config's definitions: the organisation's required guardrails. */
      definitions: GuardrailDefinition[];
      sources: FactSourceSchema[];
      operators?: RuleOperator[];
      providerIds?: string[];
    },
  ) {
    // Compiled at start-up: invalid configuration throws here, naming the key.
    this.configured = this.compile(emptySet(options.definitions));
  }

  private compile(set: GuardrailSet): EffectiveGuardrails {
    const { levels, sources, operators, providerIds } = this.options;
    return {
      set,
      compiled: compileGuardrails({
        levels,
        sources,
        operators,
        providerIds,
        definitions: set.definitions,
        optOuts: set.optOuts,
        tightenings: set.tightenings,
      }),
    };
  }

  /** Why a catalog definition cannot be compiled here, with its field under `spec`. */
  private readonly ruleProblem = (definition: GuardrailDefinition) => {
    try {
      this.compile(emptySet([definition]));
      return undefined;
    } catch (e) {
      return (e as Error).message
        .replace(
          /^Invalid configuration at autonomy\.guardrails\.definitions\[0\]\.?/,
          'spec.',
        )
        .replace(/^spec\.(\S*) \(guardrail "[^"]*"\)/, 'spec.$1');
    }
  };

  private cached(
    fingerprint: string,
    load: () => Promise<EffectiveGuardrails>,
  ) {
    let found = this.cache.get(fingerprint);
    if (!found) {
      found = load();
      found.catch(() => this.cache.delete(fingerprint));
      this.cache.set(fingerprint, found);
      if (this.cache.size > CACHE_SIZE)
        this.cache.delete(this.cache.keys().next().value!);
    }
    return found;
  }

  async current() {
    return this.byFingerprint(await this.options.store.appliedFingerprint());
  }

  async byFingerprint(fingerprint: string | undefined) {
    if (!fingerprint || fingerprint === this.configured.compiled.fingerprint)
      return this.configured;
    return this.cached(fingerprint, async () => {
      const set = await this.options.store.get(fingerprint);
      // Pruned meanwhile (a run long gone): app-config's set is what is certain to hold.
      return set ? this.compile(set) : this.configured;
    });
  }

  async prepare(snapshot: CatalogSnapshot, at: Date) {
    const catalog: CatalogGuardrail[] = [];
    const declaring: CatalogNode[] = [];
    for (const node of snapshot.values()) {
      if (node.guardrail)
        catalog.push({ entityRef: node.ref, ...node.guardrail });
      if (declares(node)) declaring.push(node);
    }
    const previous = await this.options.store.latest();
    const set = buildGuardrailSet({
      config: this.options.definitions,
      catalog,
      declaring,
      previous: previous?.set,
      ruleProblem: this.ruleProblem,
      now: at.toISOString(),
    });
    const effective = this.compile(set);
    const { fingerprint } = effective.compiled;
    // Stored even when it is app-config's alone: applying the run must make it the current one.
    await this.options.store.save(fingerprint, set, at);
    this.cache.set(fingerprint, Promise.resolve(effective));
    return effective;
  }
}
