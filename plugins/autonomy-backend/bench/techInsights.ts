import { DateTime } from 'luxon';
import { JsonRulesEngineFactChecker } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import { conditions, FIELDS, SOURCES } from './world';
import type { PushedFacts } from '../src/domain/guardrails/facts';

const silentLogger: any = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};

/**
 * The open-source peer's checker, called as §4.3 of tech-insights-study.md describes: checks in
 * the json-rules-engine format, an in-memory TechInsightsStore (no database latency at all, which
 * favours the peer) and `runChecks` per entity with concurrency 100, as its bulk endpoint does.
 */
export async function runTechInsights(
  refs: string[],
  pushed: Map<string, Map<string, PushedFacts>>,
  checkCount: number,
): Promise<{
  ms: number;
  passing: number;
  results: number;
  storeCalls: number;
}> {
  let storeCalls = 0;
  const schemas = Array.from({ length: SOURCES }, (_, s) => ({
    id: `src${s}`,
    version: '1.0.0',
    ...Object.fromEntries(
      Array.from({ length: FIELDS }, (__, f) => [
        `s${s}_f${f}`,
        { type: 'integer', description: 'benchmark fact' },
      ]),
    ),
  }));
  const repository: any = {
    async getLatestFactsByIds(ids: string[], entityRef: string) {
      storeCalls++;
      const [kind, rest] = entityRef.split(':');
      const [namespace, name] = rest.split('/');
      const sources = pushed.get(entityRef)!;
      return Object.fromEntries(
        [...new Set(ids)].map(id => [
          id,
          {
            id,
            entity: { kind, namespace, name },
            version: '1.0.0',
            timestamp: DateTime.now(),
            facts: sources.get(id)!.values,
          },
        ]),
      );
    },
    async getLatestSchemas(ids: string[]) {
      storeCalls++;
      return schemas.filter(s => ids.includes(s.id));
    },
  };
  const checks = Array.from({ length: checkCount }, (_, k) => {
    const conds = conditions(k);
    return {
      id: `check-${k}`,
      type: 'json-rules-engine',
      name: `Check ${k}`,
      description: 'benchmark',
      factIds: [...new Set(conds.map(c => `src${c.source}`))],
      rule: {
        conditions: {
          all: conds.map(c => ({
            fact: c.name,
            operator: 'greaterThanInclusive',
            value: c.threshold,
          })),
        },
      },
    };
  });
  const checker = new JsonRulesEngineFactChecker({
    checks,
    repository,
    logger: silentLogger,
  } as any);
  await new Promise(resolve => setTimeout(resolve, 50)); // its validation runs un-awaited in the constructor
  storeCalls = 0;

  let passing = 0;
  let results = 0;
  const queue = [...refs];
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 100 }, async () => {
      for (let ref = queue.shift(); ref; ref = queue.shift()) {
        for (const r of await checker.runChecks(ref)) {
          results++;
          if (r.result === true) passing++;
        }
      }
    }),
  );
  return {
    ms: Number(process.hrtime.bigint() - start) / 1e6,
    passing,
    results,
    storeCalls,
  };
}
