/** Entities fall into this many buckets by a hash of their ref; a shard is a range of buckets. */
export const BUCKETS = 1024;

/**
 * The bucket of an entity ref: FNV-1a over its UTF-16 code units. Stable across processes and
 * releases (stored rows keep it), so every replica puts an entity in the same shard.
 */
export function bucketOf(ref: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < ref.length; i++) {
    hash ^= ref.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % BUCKETS;
}

export interface ShardPlan {
  shard: number;
  /** Inclusive. */
  bucketFrom: number;
  /** Exclusive. */
  bucketTo: number;
  entityRefs: string[];
}

/**
 * Splits entities into `shardCount` shards of contiguous bucket ranges. A shard owns every stored
 * row in its range too, which is how it finds the entities that left the catalog.
 */
export function planShards(
  entityRefs: Iterable<string>,
  shardCount: number,
): ShardPlan[] {
  const count = Math.max(1, Math.min(BUCKETS, Math.floor(shardCount)));
  const plans: ShardPlan[] = Array.from({ length: count }, (_, shard) => ({
    shard,
    bucketFrom: Math.floor((shard * BUCKETS) / count),
    bucketTo: Math.floor(((shard + 1) * BUCKETS) / count),
    entityRefs: [],
  }));
  const shardOfBucket = new Array<ShardPlan>(BUCKETS);
  for (const plan of plans)
    shardOfBucket.fill(plan, plan.bucketFrom, plan.bucketTo);
  for (const ref of entityRefs)
    shardOfBucket[bucketOf(ref)].entityRefs.push(ref);
  return plans;
}

/** Enough shards for every replica to take a share, each small enough to redo if one dies. */
export function shardCountFor(entityCount: number, shardSize: number): number {
  return Math.max(1, Math.min(256, Math.ceil(entityCount / shardSize)));
}
