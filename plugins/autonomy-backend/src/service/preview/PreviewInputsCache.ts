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
  ) {}

  /**
   * Once this replica has answered a preview, keeps its copy current: read again as soon as a run
   * changed the inputs, not by the next person who previews. A replica that never previewed holds
   * nothing and reads nothing but the version.
   */
  async refresh(): Promise<void> {
    if (this.cached) await this.read();
  }

  /** The stored inputs in entity-ref order: of every entity, or of these (lower-case) kinds. */
  async read(kinds?: string[]): Promise<PreviewInput[]> {
    const version = await this.store.inputsVersion();
    if (!version) return this.store.readInputs(kinds);
    if (this.cached?.version !== version) {
      // Read after the version: at worst newer inputs under the older version, which the next
      // preview sees as a change and reads again. Concurrent previews share one read.
      const inputs = this.store.readInputs();
      this.cached = { version, inputs, ofKinds: new Map() };
      inputs.catch(() => {
        if (this.cached?.inputs === inputs) this.cached = undefined;
      });
    }
    const { inputs, ofKinds } = this.cached;
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
}
