/**
 * The module's tunables (`RPA_<NAME>` environment variables, through
 * ctx.settings): each robot run is started with them (ctx.jobs.start's
 * per-run timeout, attempts and backoff), so the demo and the tests can run
 * the robots' jobs faster than production does.
 */
import type { JobStartOptions, ModuleSettings } from '#core';

export interface RobotSettings {
  /** Between two polls of a robot job's status and log (RPA_POLL_MS). */
  pollMs: number;
  /** Per attempt of a download (RPA_DOWNLOAD_TIMEOUT_SECONDS) and of a SAT upload (RPA_SAT_TIMEOUT_SECONDS). */
  downloadTimeoutSeconds: number;
  satTimeoutSeconds: number;
  /** Attempts of one download or upload, the first included (RPA_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** Pause before the second attempt, doubled each time, with jitter (RPA_RETRY_DELAY_MS). */
  retryDelayMs: number;
}

const DEFAULTS: RobotSettings = { pollMs: 2000, downloadTimeoutSeconds: 900, satTimeoutSeconds: 900, maxAttempts: 3, retryDelayMs: 10_000 };

const NAMES: Record<keyof RobotSettings, string> = {
  pollMs: 'POLL_MS',
  downloadTimeoutSeconds: 'DOWNLOAD_TIMEOUT_SECONDS',
  satTimeoutSeconds: 'SAT_TIMEOUT_SECONDS',
  maxAttempts: 'MAX_ATTEMPTS',
  retryDelayMs: 'RETRY_DELAY_MS',
};

const MAX_RETRY_DELAY_MS = 600_000;

export function robotSettings(settings: ModuleSettings): RobotSettings {
  const read = (key: keyof RobotSettings) => {
    const text = settings.get(NAMES[key]);
    const value = text === undefined ? DEFAULTS[key] : Number(text);
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`RPA_${NAMES[key]} must be a positive integer, not "${text}"`);
    return value;
  };
  return Object.fromEntries(Object.keys(DEFAULTS).map((key) => [key, read(key as keyof RobotSettings)])) as unknown as RobotSettings;
}

/** How a robot run of a download or SAT upload is started: its per-attempt timeout, attempts and backoff. */
export function robotRunLimits(settings: ModuleSettings, tipo: 'DOWNLOAD_FATURA' | 'UPLOAD_SAT'): Omit<JobStartOptions, 'record' | 'params'> {
  const s = robotSettings(settings);
  return {
    timeoutSeconds: tipo === 'DOWNLOAD_FATURA' ? s.downloadTimeoutSeconds : s.satTimeoutSeconds,
    maxAttempts: s.maxAttempts,
    backoff: { delayMs: s.retryDelayMs, factor: 2, maxDelayMs: Math.max(s.retryDelayMs, MAX_RETRY_DELAY_MS) },
  };
}
