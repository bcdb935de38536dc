import type { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import {
  AnalysisPipeline,
  type AnalysisPipelineOptions,
} from '../AnalysisPipeline';
import { FactProviderRegistry } from '../../facts/FactProviderRegistry';
import { inMemoryCatalogReaders } from '../../testUtils/inMemoryCatalog';

/**
 * The analysis pipeline over test stores and a catalog held in memory (`entities` is called at
 * every read), with the options tests leave alone: 400 days of history, no fact providers, a mock
 * logger and the wall clock. Anything given overrides them.
 */
export function testPipeline(
  options: Pick<AnalysisPipelineOptions, 'stores' | 'guardrails'> &
    Partial<AnalysisPipelineOptions> & { entities: () => Entity[] },
): AnalysisPipeline {
  const { entities, ...given } = options;
  return new AnalysisPipeline({
    historyRetentionDays: 400,
    factProviders: new FactProviderRegistry(),
    logger: mockServices.logger.mock(),
    now: () => new Date(),
    ...inMemoryCatalogReaders(entities),
    ...given,
  });
}
