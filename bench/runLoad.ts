/** One autocannon run against one target on loopback. */
import autocannon from 'autocannon';
import type { Target } from './scenarios.js';

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

export async function runLoad(t: Target, seconds: number, connections: number): Promise<LoadStats> {
  const headers: Record<string, string> = { authorization: `Bearer ${t.token}` };
  if (t.method === 'POST') headers['content-type'] = 'application/json';
  const result = await autocannon({
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
  });
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]));
  return {
    label: t.label,
    requests: result.requests.total,
    seconds: result.duration,
    reqPerSec: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}

/** True when every response was a 2xx and no connection failed. */
export function clean(s: LoadStats): boolean {
  return s.non2xx === 0 && s.errors === 0 && s.timeouts === 0 && s.requests > 0;
}
