import { mockServices } from '@backstage/backend-test-utils';
import { providedFacts } from './providedFacts';

describe('providedFacts', () => {
  it('keeps what answered, and leaves unknown what failed or came too late', async () => {
    const logger = mockServices.logger.mock();
    let lateSignal: AbortSignal | undefined;
    const facts = await providedFacts(
      [
        {
          id: 'coverage',
          description: 'answers',
          getFacts: async refs => new Map(refs.map(r => [r, { lines: 0.8 }])),
        },
        {
          id: 'broken',
          description: 'fails',
          getFacts: async () => {
            throw new Error('service down');
          },
        },
        {
          id: 'slow',
          description: 'never answers',
          getFacts: (_, options) => {
            lateSignal = options?.signal;
            return new Promise(() => {});
          },
        },
      ],
      ['component:default/a'],
      { timeoutMs: 20, logger },
    );
    expect([...facts.keys()]).toEqual(['coverage']);
    expect(facts.get('coverage')?.get('component:default/a')).toEqual({
      lines: 0.8,
    });
    expect(logger.warn).toHaveBeenCalledWith(
      'Fact provider broken failed; its facts count as unknown: Error: service down',
    );
    expect(logger.warn).toHaveBeenCalledWith(
      'Fact provider slow failed; its facts count as unknown: Error: it did not answer within 20 ms',
    );
    expect(lateSignal?.aborted).toBe(true);
  });
});
