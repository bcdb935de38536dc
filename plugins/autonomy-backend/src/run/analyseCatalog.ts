import {
  withoutRelations,
  type CatalogSnapshot,
} from '../domain/catalogSnapshot';
import { resolveMissions } from '../domain/missions/resolveMissions';
import {
  analyzeBoundaries,
  boundaryFacts,
} from '../domain/boundaries/analyzeBoundaries';
import { previewInputsOf } from '../domain/guardrails/preview/previewInputs';
import { campaignsOf, compileCampaigns } from '../domain/campaigns/campaigns';
import type { Stores } from '../store/createStores';
import { catalogFingerprint } from './catalogFingerprint';
import { inMemorySource, storedSource } from './shardSources';

/**
 * The whole-catalog analyses of a full run: missions, boundaries, campaigns and the preview
 * inputs, stored; returns where the shards find each entity's context. A catalog that is as
 * the last run left it (same fingerprint) keeps what is stored: the shards then read missions
 * and boundary facts from the store for the entities they evaluate, and nothing is written.
 * `rewrote` hears of each table the shards look up as soon as this run has rewritten much of it.
 */
export async function analyseCatalog(
  stores: Stores,
  read: CatalogSnapshot,
  started: Date,
  day: string,
  phase: (name: string) => void,
  rewrote: (table: string) => void,
) {
  phase('catalog');
  const fingerprint = catalogFingerprint(read, day);
  if (fingerprint === (await stores.runs.catalogFingerprint())) {
    await stores.runs.recordUnchangedAnalyses(started);
    const snapshot = withoutRelations(read);
    const source = storedSource(
      stores,
      snapshot,
      await stores.preview.inputHashes(),
    );
    phase('catalog unchanged');
    return {
      snapshot,
      written: 0,
      source,
      campaigns: await stores.campaigns.definitions(),
    };
  }
  // Cleared first: a run that stops half-way must not look like one that stored it all.
  await stores.runs.recordCatalogFingerprint(undefined, started, read.size);
  // Tables the shards look up that this run rewrote much of, for their statistics.
  const noteRewrite = (table: string, rows: number) => {
    if (rows > 1000 + read.size / 10) rewrote(table);
    return rows;
  };
  const missionAnalysis = resolveMissions(read);
  let written = noteRewrite(
    'autonomy_entity_missions',
    await stores.missions.replaceAnalysis(missionAnalysis, started),
  );
  phase('missions');
  const boundaries = analyzeBoundaries(read, day);
  written += noteRewrite(
    'autonomy_dependencies',
    await stores.boundaries.replaceAnalysis(boundaries, started),
  );
  // Only the boundary analysis reads relations: the rest of the run holds the nodes without
  // them, and the catalog as read can be collected.
  const snapshot = withoutRelations(read);
  phase('boundaries');
  // Stored before the shards are planned: every replica evaluates with the same campaigns.
  const campaigns = campaignsOf(snapshot);
  written += await stores.campaigns.replaceDefinitions(campaigns);

  const missions = new Map(missionAnalysis.entities.map(e => [e.entityRef, e]));
  const derived = boundaryFacts(snapshot, boundaries.dependencies);
  // What a guardrail preview reads of every entity, so it answers without the catalog.
  const inputs = await stores.preview.replaceInputs(
    previewInputsOf(snapshot, missions, derived),
  );
  written += noteRewrite('autonomy_preview_inputs', inputs.written);
  await stores.runs.recordCatalogFingerprint(
    fingerprint,
    started,
    snapshot.size,
  );
  phase('preview inputs');
  const source = inMemorySource({
    snapshot,
    missions,
    derived,
    campaigns: compileCampaigns(campaigns),
    inputHashes: inputs.hashes,
  });
  return { snapshot, written, source, campaigns };
}
