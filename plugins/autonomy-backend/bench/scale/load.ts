import { Agent, get as httpGet } from 'http';

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

/** One GET over a kept-alive socket of `agent`: the status and the body as text. */
function get(url: string, agent: Agent, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = httpGet(url, { agent, headers }, response => {
      const chunks: Buffer[] = [];
      response.on('data', chunk => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    request.on('error', reject);
  });
}

/**
 * Fires `total` GETs at `base` + path() from `concurrency` clients, each waiting for its answer
 * before the next; any status but 200 is a crash (the figures would not mean anything). Each
 * client keeps its socket, through `node:http` rather than `fetch`: the clients share the 2 cores
 * with the backend, and `fetch` spent more of them (alternating loads in both orders on one
 * backend: the readiness floor 1,737–2,758 requests a second with `fetch`, 2,792–3,485 with
 * this; scorecards alike, 335–406 and 348–420, as the backend bounds them).
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
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let next = 0;
  const start = process.hrtime.bigint();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          next++;
          const url = `${base}${path()}`;
          const t = process.hrtime.bigint();
          const { status, body } = await get(url, agent, headers);
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
          if (status !== 200)
            throw new Error(`GET ${url} answered ${status}: ${body}`);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    perSecond: latencies.length / seconds,
  };
}
