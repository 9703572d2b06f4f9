/** The printed results: one line per measured side, the ratio on the subject's line. */
import type { LoadStats } from './runLoad.js';

export const TARGET_RATIO = 0.8;

export interface PairResult {
  scenario: string;
  ratioName: string;
  /** Ratio is checked against the target (informational pairs are not). */
  gated: boolean;
  subject: LoadStats;
  baseline: LoadStats;
  /** Highest server RSS (MB) seen right after each side's runs. */
  rssMb: { subject: number | null; baseline: number | null };
}

export function ratioOf(p: PairResult): number {
  return p.subject.reqPerSec / p.baseline.reqPerSec;
}

const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);
const fixed = (n: number | null, digits: number) => (n === null || !Number.isFinite(n) ? '-' : n.toFixed(digits));

export function formatTable(results: PairResult[]): string {
  const head = `${pad('scenario', 20)}${pad('side', 36)}${lpad('req/s', 9)}${lpad('p50 ms', 9)}${lpad('p99 ms', 9)}${lpad('RSS MB', 9)}  ratio`;
  const lines = [head, '-'.repeat(head.length + 34)];
  for (const r of results) {
    const ratio = ratioOf(r);
    const verdict = r.gated ? (ratio >= TARGET_RATIO ? `ok (≥ ${TARGET_RATIO})` : `BELOW ${TARGET_RATIO}`) : 'info';
    const row = (scenario: string, s: LoadStats, rss: number | null, tail: string) =>
      `${pad(scenario, 20)}${pad(s.label, 36)}${lpad(fixed(s.reqPerSec, 1), 9)}${lpad(fixed(s.p50Ms, 1), 9)}${lpad(fixed(s.p99Ms, 1), 9)}${lpad(fixed(rss, 0), 9)}  ${tail}`;
    lines.push(row(r.scenario, r.subject, r.rssMb.subject, `${ratio.toFixed(2)} ${r.ratioName} — ${verdict}`));
    lines.push(row('', r.baseline, r.rssMb.baseline, ''));
  }
  return lines.join('\n');
}

/** Lines about runs that had non-2xx answers or connection errors. */
export function problems(results: PairResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    for (const s of [r.subject, r.baseline]) {
      if (s.non2xx || s.errors || s.timeouts || s.requests === 0) {
        out.push(
          `${r.scenario} / ${s.label}: ${s.requests} requests, ${s.non2xx} non-2xx, ${s.errors} errors, ${s.timeouts} timeouts, status codes ${JSON.stringify(s.statusCodes)}`,
        );
      }
    }
  }
  return out;
}
