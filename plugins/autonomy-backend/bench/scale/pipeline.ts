import type {
  AuthService,
  BackstageCredentials,
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Config } from '@backstage/config';
import { AnalysisPipeline } from '../../src/run/AnalysisPipeline';
import { createStores } from '../../src/store/createStores';
import { FactProviderRegistry } from '../../src/facts/FactProviderRegistry';
import { readGuardrailsConfig } from '../../src/config/readGuardrailsConfig';
import { compileGuardrails } from '../../src/domain/guardrails/compileGuardrails';
import { readCatalogSnapshot } from '../../src/catalog/readCatalogSnapshot';
import { readEntityNeighbourhood } from '../../src/catalog/readEntityNeighbourhood';

/** What the benchmark needs of a pipeline; nothing else here knows the pipeline's internals. */
export interface ScalePipeline {
  /** One full run; `rowsWritten` when the pipeline reports it. */
  runFull(): Promise<{ entityCount: number; rowsWritten?: number }>;
  /** Claims and works shards of the current run until none is left (absent until it exists). */
  workShards?: () => Promise<unknown>;
}

// BENCH_VERBOSE=1 shows the pipeline's log (each run's phases) on stderr.
const silentLogger: LoggerService = {
  debug() {},
  info(message) {
    if (process.env.BENCH_VERBOSE) console.error(message);
  },
  warn() {},
  error() {},
  child: () => silentLogger,
};

/** The plugin's own service principal, all readCatalogSnapshot asks the auth service for. */
const ownCredentials = {
  async getOwnServiceCredentials(): Promise<BackstageCredentials> {
    return {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'service', subject: 'plugin:autonomy' },
    };
  },
} as AuthService;

/** Whether the pipeline can work shards of a run alongside another replica. */
export const pipelineWorksShards = () =>
  typeof AnalysisPipeline.prototype.workShards === 'function';

/**
 * Builds the analysis pipeline as plugin.ts does: the ONE place that knows its constructor.
 */
export async function createScalePipeline(options: {
  database: DatabaseService;
  catalog: CatalogService;
  config: Config;
}): Promise<ScalePipeline> {
  const { catalog, config } = options;
  const guardrailsConfig = readGuardrailsConfig(config);
  const pipeline = new AnalysisPipeline({
    stores: await createStores(options.database),
    guardrails: compileGuardrails({ ...guardrailsConfig, operators: [] }),
    historyRetentionDays: guardrailsConfig.history.retentionDays,
    factProviders: new FactProviderRegistry(),
    readSnapshot: () => readCatalogSnapshot(catalog, ownCredentials),
    readNeighbourhood: refs =>
      readEntityNeighbourhood(catalog, ownCredentials, refs),
    logger: silentLogger,
    now: () => new Date(),
    shardSize: config.getOptionalNumber('autonomy.analysis.shardSize'),
  });
  return {
    runFull: () => pipeline.runFull(),
    workShards: () => pipeline.workShards(),
  };
}
