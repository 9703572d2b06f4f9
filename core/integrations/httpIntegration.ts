/**
 * One integration's HTTP client: got does the requests, the retries (network
 * errors, 5xx and 429, with our backoff and jitter, honouring Retry-After) and
 * the timeouts; opossum's circuit breaker, around each whole call, makes a
 * service that keeps failing fail fast until it answers again.
 */
import got, { HTTPError, RequestError, TimeoutError, type Options, type OptionsInit, type PlainResponse, type RetryObject } from 'got';
import CircuitBreaker from 'opossum';
import { IntegrationError, type IntegrationErrorKind } from '../errors/index.js';
import { redactValue, redactedExcerpt, redactedTarget, secretValues } from './redact.js';
import type { CircuitState, Integration, IntegrationDef, IntegrationDownload, IntegrationLog, IntegrationMethod, IntegrationRequest } from './types.js';

/** Where the far side is, from `<MODULE>_<NAME>_URL` and `<MODULE>_<NAME>_TOKEN`. */
export interface IntegrationTarget {
  /** Unset: the integration is not configured. */
  baseUrl?: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** The variable that configures it, for the not-configured message. */
  urlVariable: string;
}

const DEFAULTS = { timeoutMs: 10_000, retries: 2, delayMs: 500, maxDelayMs: 10_000, minimumCalls: 5, failurePercent: 50, resetMs: 30_000, windowMs: 60_000 };
/** Answers worth another attempt: the service is overloaded or failing, not refusing the request. */
const RETRIED_STATUS = [429, 500, 502, 503, 504];
/** Methods safe to repeat; POST and PATCH only when the caller says the far side tolerates it. */
const IDEMPOTENT: IntegrationMethod[] = ['GET', 'HEAD', 'PUT', 'DELETE'];

/** What one call answered, before it is read as JSON or handed over as a stream. */
interface Answer<T> {
  value: T;
  status: number;
  retryCount: number;
}

export class HttpIntegration implements Integration {
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;

  constructor(
    readonly name: string,
    private readonly def: IntegrationDef,
    private readonly target: IntegrationTarget,
    private readonly log: IntegrationLog,
  ) {
    const circuit = { ...DEFAULTS, ...def.circuit };
    this.breaker = new CircuitBreaker((work: () => Promise<unknown>) => work(), {
      timeout: false,
      volumeThreshold: circuit.minimumCalls,
      errorThresholdPercentage: circuit.failurePercent,
      resetTimeout: circuit.resetMs,
      rollingCountTimeout: circuit.windowMs,
      // Only an outage opens the circuit: a refused request means the service is up.
      errorFilter: (e: unknown) => !isOutage(e),
    });
    const facts = { integration: name };
    this.breaker.on('open', () => log.info(facts, `${def.label}: circuit open, calls fail fast for ${circuit.resetMs} ms`));
    this.breaker.on('halfOpen', () => log.info(facts, `${def.label}: circuit half-open, trying one call`));
    this.breaker.on('close', () => log.info(facts, `${def.label}: circuit closed, the service answers again`));
  }

  get label(): string {
    return this.def.label;
  }

  get configured(): boolean {
    return this.target.baseUrl !== undefined;
  }

  get circuit(): CircuitState {
    if (this.breaker.opened) return 'open';
    return this.breaker.halfOpen ? 'half-open' : 'closed';
  }

  async json<T = unknown>(method: IntegrationMethod, path: string, request: IntegrationRequest = {}): Promise<T> {
    const text = await this.call(method, path, request, async (url, options) => {
      const response = await got(url, { ...options, isStream: false, resolveBodyOnly: false, responseType: 'text' });
      return { value: response.body, status: response.statusCode, retryCount: response.retryCount };
    });
    if (!text.trim()) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw this.error('invalid_response', 'deu uma resposta que não é JSON', { detail: redactedExcerpt(text, this.secretsOf(request)) });
    }
  }

  download(path: string, request: Omit<IntegrationRequest, 'body'> = {}): Promise<IntegrationDownload> {
    return this.call('GET', path, request, async (url, options) => {
      const { stream, response } = await openStream(url, options);
      const headers = response.headers;
      const size = Number(headers['content-length']);
      const fileName = fileNameOf(headers['content-disposition']);
      const value: IntegrationDownload = {
        body: stream,
        contentType: headers['content-type'] ?? 'application/octet-stream',
        ...(Number.isFinite(size) ? { size } : {}),
        ...(fileName ? { fileName } : {}),
      };
      return { value, status: response.statusCode, retryCount: stream.retryCount };
    });
  }

  /** One call through the circuit breaker, logged, its failure turned into an IntegrationError. */
  private async call<T>(
    method: IntegrationMethod,
    path: string,
    request: IntegrationRequest,
    send: (url: URL, options: OptionsInit) => Promise<Answer<T>>,
  ): Promise<T> {
    const url = this.url(path, request.query);
    const timeoutMs = request.timeoutMs ?? this.def.timeoutMs ?? DEFAULTS.timeoutMs;
    const facts = { integration: this.name, method, path: redactedTarget(url) };
    const attempt = { startedAt: 0 };
    const options = this.options(method, request, timeoutMs, attempt, facts);
    try {
      const answer = (await this.breaker.fire(() => send(url, options))) as Answer<T>;
      this.log.debug(
        { ...facts, status: answer.status, attempt: answer.retryCount + 1, durationMs: elapsed(attempt.startedAt), ...this.bodyFacts(request) },
        `${this.def.label}: ${method} ${facts.path} ${answer.status}`,
      );
      return answer.value;
    } catch (e) {
      // The caller's own abort (a job cancelled) is no failure of the service.
      if (request.signal?.aborted) throw request.signal.reason;
      const error = this.failure(e, timeoutMs, request);
      this.log.info(
        { ...facts, kind: error.kind, status: error.status, durationMs: elapsed(attempt.startedAt) },
        `${this.def.label}: ${method} ${facts.path} failed: ${error.message}`,
      );
      throw error;
    }
  }

  private url(path: string, query: IntegrationRequest['query']): URL {
    const { baseUrl } = this.target;
    if (baseUrl === undefined) throw this.error('not_configured', `não está configurada (defina ${this.target.urlVariable})`);
    const url = new URL(path.replace(/^\/+/, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    return url;
  }

  private options(
    method: IntegrationMethod,
    request: IntegrationRequest,
    timeoutMs: number,
    attempt: { startedAt: number },
    facts: { method: string; path: string },
  ): OptionsInit {
    const backoff = { ...DEFAULTS, ...this.def.backoff };
    const retried = request.retry === false ? [] : request.retry ? [...IDEMPOTENT, 'POST', 'PATCH'] : IDEMPOTENT;
    const token = this.target.token;
    return {
      method,
      headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...request.headers },
      ...(request.body === undefined ? {} : { json: request.body }),
      ...(request.signal ? { signal: request.signal } : {}),
      timeout: { request: timeoutMs },
      retry: {
        limit: this.def.retries ?? DEFAULTS.retries,
        methods: retried as Options['retry']['methods'],
        statusCodes: RETRIED_STATUS,
        // A Retry-After beyond this is not waited for: the call fails instead.
        maxRetryAfter: backoff.maxDelayMs,
        calculateDelay: (retry) => {
          const delay = nextDelay(retry, backoff);
          if (delay > 0) this.logRetry(facts, retry, elapsed(attempt.startedAt), delay);
          return delay;
        },
      },
      hooks: {
        beforeRequest: [
          () => {
            attempt.startedAt = performance.now();
          },
        ],
      },
    };
  }

  private logRetry(facts: { method: string; path: string }, retry: RetryObject, durationMs: number, delay: number): void {
    const failed = retry.error instanceof HTTPError ? { status: retry.error.response.statusCode } : { error: retry.error.code };
    const why = 'status' in failed ? `HTTP ${failed.status}` : failed.error;
    const retryInMs = Math.round(delay);
    this.log.info(
      { ...facts, ...failed, attempt: retry.attemptCount, durationMs, retryInMs },
      `${this.def.label}: ${facts.method} ${facts.path} attempt ${retry.attemptCount} failed (${why}), retrying in ${retryInMs} ms`,
    );
  }

  /** The request body for a debug line, secrets redacted. */
  private bodyFacts(request: IntegrationRequest): object {
    return request.body === undefined ? {} : { body: redactValue(request.body) };
  }

  private secretsOf(request: IntegrationRequest): string[] {
    return [...(this.target.token ? [this.target.token] : []), ...secretValues(request.body)];
  }

  private failure(e: unknown, timeoutMs: number, request: IntegrationRequest): IntegrationError {
    if (e instanceof IntegrationError) return e;
    if (isOpenCircuit(e)) return this.error('unavailable', 'está indisponível após falhas repetidas; as chamadas voltam a ser tentadas em instantes');
    if (e instanceof TimeoutError) return this.error('timeout', `não respondeu em ${describeMs(timeoutMs)}`);
    if (e instanceof HTTPError) {
      const status = e.response.statusCode;
      const body = typeof e.response.body === 'string' ? e.response.body : '';
      const detail = body ? { detail: redactedExcerpt(body, this.secretsOf(request)) } : {};
      if (isOutageStatus(status)) return this.error('unavailable', `está indisponível (respondeu HTTP ${status})`, { status, ...detail });
      return this.error('rejected', `recusou o pedido (HTTP ${status})`, { status, ...detail });
    }
    if (e instanceof RequestError) return this.error('unavailable', `está indisponível: não foi possível conectar (${e.code})`);
    throw e;
  }

  private error(kind: IntegrationErrorKind, what: string, extra: { status?: number; detail?: string } = {}): IntegrationError {
    return new IntegrationError(`A integração "${this.def.label}" ${what}.`, { integration: this.name, kind, ...extra });
  }
}

/** Exponential backoff with jitter (half fixed, half random), or the Retry-After the far side asked for; 0 ends the retries. */
function nextDelay({ attemptCount, computedValue, retryAfter }: RetryObject, backoff: { delayMs: number; maxDelayMs: number }): number {
  // got's own rules (limit, methods, status codes, error codes, a too long Retry-After) already said no.
  if (computedValue === 0) return 0;
  // `Retry-After: 0` means now; 0 would end the retries.
  if (retryAfter !== undefined) return Math.max(retryAfter, 1);
  const ceiling = Math.min(backoff.delayMs * 2 ** (attemptCount - 1), backoff.maxDelayMs);
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

function isOutageStatus(status: number): boolean {
  return RETRIED_STATUS.includes(status) || status >= 500;
}

/** Unreachable, too slow or failing: what counts against the circuit. */
function isOutage(e: unknown): boolean {
  if (e instanceof HTTPError) return isOutageStatus(e.response.statusCode);
  return e instanceof RequestError && e.code !== 'ERR_ABORTED';
}

function isOpenCircuit(e: unknown): boolean {
  return e instanceof Error && (e as { code?: unknown }).code === 'EOPENBREAKER';
}

/** The stream of a GET once its (final, successful) response has arrived; each retry is a new stream. */
function openStream(url: URL, options: OptionsInit): Promise<{ stream: ReturnType<typeof got.stream>; response: PlainResponse }> {
  return new Promise((resolve, reject) => {
    const follow = (stream: ReturnType<typeof got.stream>) => {
      stream.once('response', (response: PlainResponse) => resolve({ stream, response }));
      stream.once('retry', (_count: number, _error: unknown, createRetryStream: () => ReturnType<typeof got.stream>) => follow(createRetryStream()));
      stream.once('error', reject);
    };
    follow(got.stream(url, { ...options, isStream: true }));
  });
}

function fileNameOf(disposition: string | undefined): string | undefined {
  if (!disposition) return undefined;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1];
}

function elapsed(startedAt: number): number {
  return startedAt ? Math.round(performance.now() - startedAt) : 0;
}

function describeMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}
