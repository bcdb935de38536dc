/** A small deterministic generator (mulberry32), so every run asks for the same entities. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LoadFigures {
  requests: number;
  p50: number;
  p99: number;
  perSecond: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/**
 * Fires `total` GETs at `base` + path() from `concurrency` clients, each waiting for its answer
 * before the next; any status but 200 is a crash (the figures would not mean anything).
 */
export async function load(options: {
  base: string;
  token: string;
  path: () => string;
  total: number;
  concurrency: number;
}): Promise<LoadFigures> {
  const { base, token, path, total, concurrency } = options;
  const headers = { authorization: `Bearer ${token}` };
  const latencies: number[] = [];
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const url = `${base}${path()}`;
        const t = process.hrtime.bigint();
        const res = await fetch(url, { headers });
        const body = await res.text();
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        if (res.status !== 200)
          throw new Error(`GET ${url} answered ${res.status}: ${body}`);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    perSecond: latencies.length / seconds,
  };
}
