import { BUCKETS, bucketOf, planShards, shardCountFor } from './shards';

describe('shards', () => {
  const refs = Array.from(
    { length: 5000 },
    (_, i) => `component:default/svc-${i}`,
  );

  it('puts an entity in the same bucket every time, within range', () => {
    expect(bucketOf('component:default/checkout')).toBe(
      bucketOf('component:default/checkout'),
    );
    for (const ref of refs) {
      const b = bucketOf(ref);
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(BUCKETS);
    }
  });

  it('puts each entity in exactly one shard, the one whose bucket range holds it', () => {
    const plans = planShards(refs, 7);
    expect(plans).toHaveLength(7);
    expect(plans[0].bucketFrom).toBe(0);
    expect(plans[6].bucketTo).toBe(BUCKETS);
    for (let i = 1; i < plans.length; i++)
      expect(plans[i].bucketFrom).toBe(plans[i - 1].bucketTo);
    const all = plans.flatMap(p => p.entityRefs);
    expect(new Set(all).size).toBe(refs.length);
    for (const plan of plans) {
      for (const ref of plan.entityRefs) {
        expect(bucketOf(ref)).toBeGreaterThanOrEqual(plan.bucketFrom);
        expect(bucketOf(ref)).toBeLessThan(plan.bucketTo);
      }
      // A hash spreads entities: no shard is empty or holds most of them.
      expect(plan.entityRefs.length).toBeGreaterThan(refs.length / 7 / 2);
      expect(plan.entityRefs.length).toBeLessThan((refs.length / 7) * 2);
    }
  });

  it('sizes the plan by the catalog', () => {
    expect(shardCountFor(0, 5000)).toBe(1);
    expect(shardCountFor(100_000, 5000)).toBe(20);
    expect(shardCountFor(10_000_000, 5000)).toBe(256);
    expect(planShards(refs, 0)).toHaveLength(1);
  });
});
