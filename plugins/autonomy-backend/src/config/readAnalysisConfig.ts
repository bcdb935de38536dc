import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { GuardrailConfigError } from './readGuardrailsConfig';

const KEY = 'autonomy.analysis';

/**
 * Reads `autonomy.analysis`: entities per shard of a full run, and how long a fact provider may
 * take for a batch. Either left out keeps the pipeline's default.
 */
export function readAnalysisConfig(config: Config): {
  shardSize?: number;
  factProviderTimeoutMs?: number;
} {
  const shardSize = config.getOptionalNumber(`${KEY}.shardSize`);
  if (
    shardSize !== undefined &&
    !(Number.isInteger(shardSize) && shardSize > 0)
  )
    throw new GuardrailConfigError(
      `${KEY}.shardSize`,
      `must be a whole number of entities above 0, not ${shardSize}`,
    );
  const timeoutKey = `${KEY}.factProviderTimeout`;
  if (!config.has(timeoutKey)) return { shardSize };
  const factProviderTimeoutMs = durationToMilliseconds(
    readDurationFromConfig(config, { key: timeoutKey }),
  );
  if (!(factProviderTimeoutMs > 0))
    throw new GuardrailConfigError(timeoutKey, 'must be longer than nothing');
  return { shardSize, factProviderTimeoutMs };
}
