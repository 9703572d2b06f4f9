/** autocannon runs against one target on loopback, and their sum. */
import autocannon from 'autocannon';
import type { Target } from './scenarios.js';

/** One autocannon run. */
export interface LoadRun {
  requests: number;
  seconds: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Response time of every request, in ms. */
  latencies: number[];
}

/** Several runs of one target, summed. */
export interface LoadStats {
  label: string;
  requests: number;
  seconds: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

export function runLoad(t: Target, seconds: number, connections: number): Promise<LoadRun> {
  const headers: Record<string, string> = { authorization: `Bearer ${t.token}` };
  if (t.method === 'POST') headers['content-type'] = 'application/json';
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: t.baseUrl,
        connections,
        duration: seconds,
        requests: [
          {
            method: t.method,
            headers,
            // A fresh path/body per request (random ids, new pedidos); both sides of a pair pay the same for it.
            setupRequest: (req) => ({ ...req, path: t.path(), ...(t.body ? { body: t.body() } : {}) }),
          },
        ],
      },
      (err: unknown, result: autocannon.Result) => {
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        resolve({
          requests: result.requests.total,
          seconds: result.duration,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0])),
          latencies,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Throughput over all runs, and latency percentiles over every request of them. */
export function summarize(label: string, runs: LoadRun[]): LoadStats {
  const sum = (f: (r: LoadRun) => number) => runs.reduce((t, r) => t + f(r), 0);
  const statusCodes: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.statusCodes)) statusCodes[k] = (statusCodes[k] ?? 0) + v;
  const sorted = Float64Array.from(runs.flatMap((r) => r.latencies)).sort();
  return {
    label,
    requests: sum((r) => r.requests),
    seconds: sum((r) => r.seconds),
    reqPerSec: sum((r) => r.requests) / sum((r) => r.seconds),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    statusCodes,
  };
}
