import { createHash } from 'crypto';
import type { CatalogSnapshot } from '../domain/catalogSnapshot';

/**
 * What the whole-catalog analyses of a run are made from: every node of the snapshot, and the
 * day (the boundary analysis keeps a point per day). Equal fingerprints mean the missions,
 * boundaries, campaigns and preview inputs stored by the last run are what a new run would
 * store, so it keeps them.
 */
export function catalogFingerprint(
  snapshot: CatalogSnapshot,
  day: string,
): string {
  const hash = createHash('sha1').update(day);
  for (const node of snapshot.values()) hash.update(JSON.stringify(node));
  return hash.digest('base64');
}
