import type { LoggerService } from '@backstage/backend-plugin-api';
import type { AutonomyFactProvider } from '@aligned-autonomy/plugin-autonomy-node';
import type { FactValue } from '../domain/guardrails/facts';

/** Facts by provider id, then entity ref, then fact name. */
export type ProvidedFacts = Map<string, Map<string, Record<string, FactValue>>>;

/**
 * What `call` settles with, or a failure saying `late` after `ms`; its signal then aborts, so
 * that a provider which passes it on stops the work nobody waits for.
 */
async function withTimeout<T>(
  call: (signal: AbortSignal) => Promise<T>,
  ms: number,
  late: string,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      call(controller.signal),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error(late));
          controller.abort();
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Each provider's values for these entities, one provider after another. A provider that fails,
 * or does not answer within `timeoutMs`, leaves its facts unknown and is logged: one that never
 * answered would hold its shard for ever, as its replica's heartbeats go on and no other replica
 * takes the shard over.
 */
export async function providedFacts(
  providers: AutonomyFactProvider[],
  refs: string[],
  options: { timeoutMs: number; logger: LoggerService },
): Promise<ProvidedFacts> {
  const { timeoutMs, logger } = options;
  const provided: ProvidedFacts = new Map();
  for (const provider of providers) {
    try {
      provided.set(
        provider.id,
        await withTimeout(
          signal => provider.getFacts(refs, { signal }),
          timeoutMs,
          `it did not answer within ${timeoutMs} ms`,
        ),
      );
    } catch (e) {
      logger.warn(
        `Fact provider ${provider.id} failed; its facts count as unknown: ${e}`,
      );
    }
  }
  return provided;
}
