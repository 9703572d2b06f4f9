import type { Readable } from 'node:stream';

/** An external HTTP service a plugin calls, declared in `definePlugin({ integrations })`. */
export interface IntegrationDef {
  /** Shown in errors and logs: `API do robô RPA`. */
  label: string;
  /** Per attempt; a call may override it. Default 10 000. */
  timeoutMs?: number;
  /** Retries after the first attempt (network errors, 5xx, 429; GET/PUT/DELETE/HEAD, POST/PATCH only when asked). Default 2. */
  retries?: number;
  /** Exponential backoff between attempts, with jitter: `delayMs × 2^(n-1)`, at most `maxDelayMs`. A Retry-After the far side sends wins, up to `maxDelayMs`. */
  backoff?: { delayMs?: number; maxDelayMs?: number };
  /**
   * The circuit breaker: once at least `minimumCalls` calls in the last `windowMs`
   * ran and `failurePercent` of them failed (unreachable, timeout, 5xx), calls fail
   * at once for `resetMs`; then one call is let through (half-open) and its
   * success closes the circuit again.
   */
  circuit?: { minimumCalls?: number; failurePercent?: number; resetMs?: number; windowMs?: number };
}

export type IntegrationMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

export interface IntegrationRequest {
  /** Sent as JSON. */
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** Aborts the call (a job's `signal`); the abort's reason is what the call throws. */
  signal?: AbortSignal;
  /** This call's per-attempt timeout. */
  timeoutMs?: number;
  /** `true` retries a POST/PATCH too (the far side must tolerate a repeat); `false` never retries. */
  retry?: boolean;
}

/** A file the far side answered with, as a stream: nothing is held in memory. */
export interface IntegrationDownload {
  body: Readable;
  contentType: string;
  /** From Content-Length, when sent. */
  size?: number;
  /** From Content-Disposition, when sent. */
  fileName?: string;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/** A plugin's client for one declared integration: `ctx.integration('robot')`. */
export interface Integration {
  readonly name: string;
  readonly label: string;
  /** False when `<MODULE>_<NAME>_URL` is unset: every call then fails with kind `not_configured`. */
  readonly configured: boolean;
  readonly circuit: CircuitState;
  /** Calls `path` (relative to the base URL) and parses the JSON answer; an empty answer is `undefined`. */
  json<T = unknown>(method: IntegrationMethod, path: string, request?: IntegrationRequest): Promise<T>;
  /** GETs `path` as a stream. */
  download(path: string, request?: Omit<IntegrationRequest, 'body'>): Promise<IntegrationDownload>;
}

/** Where integration calls are logged: each attempt at debug, retries and failures at info. */
export interface IntegrationLog {
  debug(facts: object, msg: string): void;
  info(facts: object, msg: string): void;
}
