import type { PreviewInput } from '../../domain/guardrails/preview/previewInputs';
import type { DatabasePreviewStore } from '../../store/DatabasePreviewStore';

/**
 * This replica's copy of the stored preview inputs, kept while their version (rewritten by every
 * run that changes an input) stays the same. Reading and parsing the inputs of a large catalog is
 * most of a preview's time; they change only with a full run. Other replicas keep their own
 * copy; the database stays the truth, so a miss costs one full read, as without the cache.
 */
export class PreviewInputsCache {
  private cached?: {
    version: string;
    inputs: Promise<PreviewInput[]>;
    /** The inputs of some kinds, by the kinds joined: filtered once per version. */
    ofKinds: Map<string, PreviewInput[]>;
  };

  constructor(
    private readonly store: Pick<
      DatabasePreviewStore,
      'inputsVersion' | 'readInputs'
    >,
    private readonly options: {
      /**
       * Make the first copy as soon as a run has stored inputs, not on this replica's first
       * preview, so that preview is a warm one too (the plugin's default; the copy holds about
       * 90 MB of heap at 100,000 entities).
       */
      keepWarm?: boolean;
    } = {},
  ) {}

  /**
   * Keeps this replica's copy current: read again as soon as a run changed the inputs, not by the
   * next person who previews. Without `keepWarm`, a replica that never previewed holds nothing and
   * reads nothing but the version.
   */
  async refresh(): Promise<void> {
    if (!this.cached && !this.options.keepWarm) return;
    const version = await this.store.inputsVersion();
    // Inputs without a version are read by every preview: there is no copy to keep.
    if (version) await this.copyOf(version).inputs;
  }

  /** The stored inputs in entity-ref order: of every entity, or of these (lower-case) kinds. */
  async read(kinds?: string[]): Promise<PreviewInput[]> {
    const version = await this.store.inputsVersion();
    if (!version) return this.store.readInputs(kinds);
    const { inputs, ofKinds } = this.copyOf(version);
    const all = await inputs;
    if (!kinds) return all;
    const key = [...kinds].sort().join(',');
    let some = ofKinds.get(key);
    if (!some) {
      // Stored kinds are lower-case, as in entity references.
      const wanted = new Set(kinds);
      ofKinds.set(key, (some = all.filter(i => wanted.has(i.kind))));
    }
    return some;
  }

  /** The copy of this version, read now unless this replica has it or is reading it. */
  private copyOf(version: string) {
    if (this.cached?.version !== version) {
      // Read after the version: at worst newer inputs under the older version, which the next
      // preview sees as a change and reads again. Concurrent previews share one read.
      const inputs = this.store.readInputs();
      this.cached = { version, inputs, ofKinds: new Map() };
      inputs.catch(() => {
        if (this.cached?.inputs === inputs) this.cached = undefined;
      });
    }
    return this.cached;
  }
}
