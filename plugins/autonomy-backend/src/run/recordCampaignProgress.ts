import type { CampaignGuardrail } from '@aligned-autonomy/plugin-autonomy-common';
import type { CatalogSnapshot } from '../domain/catalogSnapshot';
import type { CompiledGuardrails } from '../domain/guardrails/compileGuardrails';
import {
  compileCampaigns,
  type CampaignDefinition,
} from '../domain/campaigns/campaigns';
import { campaignProgress } from '../domain/campaigns/campaignProgress';
import type { Stores } from '../store/createStores';
import type { StoredSetLookup } from '../store/scoreRows';

/**
 * After a full run is applied: each campaign's progress from the stored results of the entities
 * it targets, recorded with the day's burn-up point. Nothing is read or written when neither the
 * campaigns nor the stored results changed since the progress was last counted (an unchanged
 * catalog). Returns the rows written.
 */
export async function recordCampaignProgress(options: {
  stores: Stores;
  guardrails: CompiledGuardrails;
  /** Finds the set stored outcomes were evaluated with, to read failing results' messages. */
  storedSet: StoredSetLookup;
  snapshot: CatalogSnapshot;
  definitions: CampaignDefinition[];
  at: Date;
}): Promise<number> {
  const { stores, guardrails, snapshot, definitions, at } = options;
  if (!definitions.length) return 0;
  // Taken first: a result written while this counts makes the next run count again.
  const mark = await stores.campaigns.resultsMark();
  if (await stores.campaigns.progressIsCurrent(mark)) return 0;
  const campaigns = compileCampaigns(definitions);
  const known = new Map(guardrails.guardrails.map(g => [g.definition.id, g]));
  // Only the targets that one of the campaign's guardrails may apply to have their results read;
  // whether one does is decided from the stored results.
  const filters = campaigns.map(c =>
    c.definition.guardrailIds.flatMap(id => {
      const g = known.get(id);
      return g ? [g.applies] : [];
    }),
  );
  const targeted = campaigns.map(() => [] as string[]);
  for (const node of snapshot.values())
    campaigns.forEach((c, i) => {
      if (c.targets(node) && filters[i].some(applies => applies(node)))
        targeted[i].push(node.ref);
    });
  const results = await stores.guardrails.resultsOfMany(
    [...new Set(targeted.flat())],
    options.storedSet,
  );
  return stores.campaigns.recordProgress(
    campaigns.map((c, i) => ({
      campaignRef: c.definition.ref,
      guardrails: c.definition.guardrailIds.map((id): CampaignGuardrail => {
        const definition = known.get(id)?.definition;
        if (!definition) return { id, known: false };
        const { howToFix } = definition.rationale;
        return {
          id,
          known: true,
          title: definition.title,
          ...(howToFix ? { howToFix } : {}),
        };
      }),
      progress: campaignProgress(
        c.definition,
        targeted[i].flatMap(ref => {
          const stored = results.get(ref);
          return stored ? [{ entityRef: ref, ...stored }] : [];
        }),
      ),
    })),
    at.toISOString().slice(0, 10),
    mark,
  );
}
