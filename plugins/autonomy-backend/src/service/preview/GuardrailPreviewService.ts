import { InputError, NotFoundError } from '@backstage/errors';
import type {
  GuardrailDefinition,
  GuardrailPreviewRequest,
  GuardrailPreviewResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import type {
  CompiledGuardrail,
  CompiledGuardrails,
} from '../../domain/guardrails/compileGuardrails';
import type { FactValue } from '../../domain/guardrails/facts';
import {
  previewImpact,
  type PreviewEntity,
} from '../../domain/guardrails/preview/previewImpact';
import type { Stores } from '../../store/createStores';
import { PreviewInputsCache } from './PreviewInputsCache';
import { readPreviewDefinition, renameKey } from './readPreviewDefinition';

type PreviewStores = Pick<
  Stores,
  'preview' | 'facts' | 'exemptions' | 'guardrails'
>;

/** The lower-case kinds a guardrail is limited to, or undefined when it applies to any kind. */
const kindsOf = (g: CompiledGuardrail | undefined) =>
  g?.definition.appliesTo.kind?.map(k => k.toLocaleLowerCase('en-US'));

/**
 * Dry-runs a guardrail definition against what the latest analysis stored: the inputs every full
 * run keeps per entity, the pushed facts, the active exemptions and the stored results of the
 * other guardrails. Reads only; nothing is stored.
 */
export class GuardrailPreviewService {
  private readonly inputs: PreviewInputsCache;

  constructor(
    private readonly deps: {
      stores: PreviewStores;
      /**
       * The guardrails the latest analysis evaluated, and how to compile definitions beside them
       * (the configured fact sources, providers and operators, and the teams' opt-outs and
       * tightenings of the same set).
       */
      guardrails(): Promise<{
        current: CompiledGuardrails;
        compile(definitions: GuardrailDefinition[]): CompiledGuardrails;
      }>;
      /** Fact provider values of these entities, as a run reads them. */
      provided(
        refs: string[],
      ): Promise<Map<string, Map<string, Record<string, FactValue>>>>;
      now(): Date;
      /**
       * Fill this replica's copy of the stored inputs through `keepInputsCurrent` before its first
       * preview, not by it (`autonomy.preview.keepInputsWarm`).
       */
      keepInputsWarm?: boolean;
    },
  ) {
    this.inputs = new PreviewInputsCache(deps.stores.preview, {
      keepWarm: deps.keepInputsWarm,
    });
  }

  /**
   * Keeps this replica's copy of the preview inputs current after a run, and with
   * `keepInputsWarm` makes it as soon as a run stored them (see the cache).
   */
  keepInputsCurrent(): Promise<void> {
    return this.inputs.refresh();
  }

  async preview(
    source: GuardrailPreviewRequest['definition'],
  ): Promise<GuardrailPreviewResponse> {
    const { stores } = this.deps;
    const { current, compile } = await this.deps.guardrails();
    const { definition, root } = readPreviewDefinition(source, current.levels);
    let candidate: CompiledGuardrails;
    try {
      candidate = compile([definition]);
    } catch (e) {
      throw new InputError(renameKey((e as Error).message, root));
    }
    const evaluatedAt = await stores.guardrails.getEvaluatedAt();
    if (!evaluatedAt)
      throw new NotFoundError(
        'Guardrails have not been evaluated yet; a preview answers from the latest analysis',
      );
    const previewed = candidate.guardrails[0];
    const previous = current.guardrails.find(
      g => g.definition.id === definition.id,
    );
    // Only entities of the kinds either version applies to can be affected.
    const newKinds = kindsOf(previewed);
    const oldKinds = previous ? kindsOf(previous) : [];
    const kinds =
      newKinds && oldKinds
        ? [...new Set([...newKinds, ...oldKinds])]
        : undefined;
    const sources = [
      ...new Set(
        candidate.facts
          .filter(f => f.source === 'pushed')
          .map(f => f.id.slice(0, f.id.indexOf('.'))),
      ),
    ];
    const now = this.deps.now();
    const [inputs, outcomes, pushed, exemptions] = await Promise.all([
      this.inputs.read(kinds),
      stores.preview.readOutcomes(kinds),
      sources.length ? stores.facts.byEntity(undefined, sources) : new Map(),
      stores.exemptions.activeByEntity(now),
    ]);
    const provided = candidate.facts.some(f => f.source === 'provider')
      ? await this.providedFor(inputs.map(i => i.ref))
      : undefined;
    const entities: PreviewEntity[] = inputs.map(input => {
      const outcome = outcomes.get(input.ref);
      return {
        input,
        notPassing: outcome?.notPassing,
        levelIndex: outcome?.levelIndex,
        pushed: pushed.get(input.ref),
        provided: provided?.get(input.ref),
        exemption: exemptions.get(input.ref)?.get(definition.id),
      };
    });
    const impact = previewImpact({
      current,
      candidate,
      entities,
      now: now.getTime(),
    });
    return {
      guardrail: definition,
      change: previous ? 'changed' : 'new',
      ...impact,
      evaluatedAt,
    };
  }

  /** Entity ref → provider id → values, from the providers' answer by provider. */
  private async providedFor(refs: string[]) {
    const byProvider = await this.deps.provided(refs);
    const byEntity = new Map<string, Map<string, Record<string, FactValue>>>();
    for (const [providerId, values] of byProvider)
      for (const [ref, facts] of values) {
        const entity = byEntity.get(ref) ?? new Map();
        entity.set(providerId, facts);
        byEntity.set(ref, entity);
      }
    return byEntity;
  }
}
