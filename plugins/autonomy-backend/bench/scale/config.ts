import type { ConfigReader } from '@backstage/config';
import { buildWorld } from '../world';

type ConfigData = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

/**
 * `autonomy.guardrails` as an operator would write it in app-config: the 5 fact sources × 10
 * numeric fields and `count` definitions of world.ts (3 "at least" conditions each, levels
 * bronze/silver/gold). The plugin reads it with its own config reader.
 */
export function guardrailsConfig(count: number) {
  const world = buildWorld(0, count);
  return {
    levels: world.levels,
    facts: world.sources,
    definitions: world.definitions,
  };
}

/** The app-config the pipeline (and the test backend) are given. */
export function autonomyConfig(
  guardrails: number,
  extra: Record<string, unknown> = {},
): ConfigData {
  const config = {
    autonomy: {
      ...extra,
      guardrails: guardrailsConfig(guardrails),
      // BENCH_SCALE_SHARD_SIZE: entities per shard of a full run (the plugin's default otherwise).
      ...(process.env.BENCH_SCALE_SHARD_SIZE
        ? {
            analysis: { shardSize: Number(process.env.BENCH_SCALE_SHARD_SIZE) },
          }
        : {}),
      // The plugin must not start an analysis of its own while the benchmark loads it.
      schedule: {
        frequency: { hours: 24 },
        timeout: { hours: 1 },
        initialDelay: { hours: 24 },
      },
    },
  };
  return JSON.parse(JSON.stringify(config));
}
