import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import { readAnalysisConfig } from './readAnalysisConfig';

const read = (analysis: JsonValue) =>
  readAnalysisConfig(new ConfigReader({ autonomy: { analysis } }));

describe('readAnalysisConfig', () => {
  it('keeps the defaults when nothing is set', () => {
    expect(readAnalysisConfig(new ConfigReader({}))).toEqual({
      shardSize: undefined,
    });
  });

  it('reads the shard size and the fact provider timeout as an object or a string', () => {
    expect(
      read({ shardSize: 2500, factProviderTimeout: { seconds: 90 } }),
    ).toEqual({ shardSize: 2500, factProviderTimeoutMs: 90_000 });
    expect(read({ factProviderTimeout: '2m' }).factProviderTimeoutMs).toBe(
      120_000,
    );
  });

  it('names the key of a value it cannot use', () => {
    expect(() => read({ shardSize: 0 })).toThrow(
      'Invalid configuration at autonomy.analysis.shardSize: must be a whole number of entities above 0, not 0',
    );
    expect(() => read({ shardSize: 2.5 })).toThrow(/analysis\.shardSize/);
    expect(() => read({ factProviderTimeout: { seconds: 0 } })).toThrow(
      'Invalid configuration at autonomy.analysis.factProviderTimeout: must be longer than nothing',
    );
    expect(() => read({ factProviderTimeout: 7 })).toThrow(
      /autonomy\.analysis\.factProviderTimeout/,
    );
  });
});
