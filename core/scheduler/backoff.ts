import type { JobBackoff } from '../plugin/types.js';

const DEFAULTS = { delayMs: 10_000, factor: 2, maxDelayMs: 600_000 };

/**
 * The wait before attempt `failed + 1` after `failed` attempts failed:
 * exponential, capped, with "equal jitter" (half fixed, half random) so runs
 * that failed together (a service down) do not all come back at the same instant.
 */
export function backoffDelayMs(backoff: JobBackoff | undefined, failed: number, random: () => number = Math.random): number {
  const { delayMs, factor, maxDelayMs } = { ...DEFAULTS, ...backoff };
  const full = Math.min(maxDelayMs, delayMs * factor ** Math.max(0, failed - 1));
  return Math.round(full / 2 + (full / 2) * random());
}
