/**
 * Outbound integrations against a stand-in HTTP server that fails on purpose:
 * retries with backoff, no retry on a refusal or an unasked POST, timeouts,
 * a refused connection, the circuit breaker opening and closing again, secrets
 * kept out of the logs, an unconfigured integration, a streamed download, and
 * the same client from a procedure and from a job's worker thread.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IntegrationError } from '../core/index.js';
import { ModuleIntegrations, type IntegrationDef } from '../core/integrations/index.js';
import { moduleSettings } from '../core/plugin/moduleSettings.js';
import { expectApiError, trpcApi } from './support/api.js';
import { prepareFixtureModule, type FixtureModule } from './support/fixtureModule.js';
import { scheduleCalls, waitFor } from './support/schedulerFixture.js';
import { ADMIN, login, ROOT, startTestPlatform, type TestPlatform } from './support/testPlatform.js';

const TOKEN = 'tok-9f8e7d6c5b4a';
const FILE_BYTES = Buffer.alloc(3 * 1024 * 1024, 'forja-');

/** A far side that misbehaves as each path says; counts the requests it got per path. */
class StandIn {
  readonly hits = new Map<string, number>();
  readonly authorizations: (string | undefined)[] = [];
  down = false;
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  hitsOf(path: string): number {
    return this.hits.get(path) ?? 0;
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url!, 'http://stand-in');
    const hit = this.hitsOf(url.pathname) + 1;
    this.hits.set(url.pathname, hit);
    this.authorizations.push(req.headers.authorization);
    const body = await readBody(req);
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(value));
    };
    const [, route, key] = url.pathname.split('/');
    switch (route) {
      case 'flaky': // 503 twice, then the answer
        return hit <= 2 ? json(503, { erro: 'ocupado' }) : json(200, { ok: true, key, hit });
      case 'busy': // 429 asking to come back at once, then the answer
        return hit === 1 ? json(429, { erro: 'devagar' }, { 'retry-after': '0' }) : json(200, { ok: true, hit });
      case 'bad':
        return json(400, { erro: 'cnpj inválido', senha: JSON.parse(body || '{}').senha ?? null });
      case 'hang':
        return; // never answers
      case 'echo':
        return json(200, { body: JSON.parse(body || 'null'), query: Object.fromEntries(url.searchParams), authorization: req.headers.authorization });
      case 'status':
        return this.down ? json(503, { erro: 'fora do ar' }) : json(200, { up: true });
      case 'text':
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end('<html>não é JSON</html>');
      case 'file':
        if (hit === 1) return json(502, { erro: 'gateway' });
        res.writeHead(200, {
          'content-type': 'application/pdf',
          'content-length': String(FILE_BYTES.length),
          'content-disposition': 'attachment; filename="fatura 10-2026.pdf"',
        });
        return void res.end(FILE_BYTES);
      default:
        return json(404, { erro: 'rota desconhecida' });
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => resolve(text));
  });
}

/** Every log line an integration wrote, as the text a log file would hold. */
class CapturedLog {
  readonly lines: { level: 'debug' | 'info'; facts: object; msg: string }[] = [];
  text(): string {
    return this.lines.map((l) => JSON.stringify(l)).join('\n');
  }
}

function integrations(env: Record<string, string>, declared: Record<string, IntegrationDef>, log = new CapturedLog()) {
  return new ModuleIntegrations({
    declared: (module) => (module === 'rpa' ? declared : undefined),
    settings: (module) => moduleSettings(module, env, '/nonexistent'),
    log: () => ({ debug: (facts, msg) => log.lines.push({ level: 'debug', facts, msg }), info: (facts, msg) => log.lines.push({ level: 'info', facts, msg }) }),
  });
}

async function failure(call: Promise<unknown>): Promise<IntegrationError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IntegrationError);
  return error as IntegrationError;
}

const FAST = { timeoutMs: 2_000, retries: 2, backoff: { delayMs: 5, maxDelayMs: 40 } };

describe('an integration client against a stand-in that fails on purpose', () => {
  const standIn = new StandIn();
  let url: string;
  let log: CapturedLog;
  let robot: ReturnType<ModuleIntegrations['get']>;

  beforeAll(async () => {
    url = await standIn.start();
  });
  afterAll(() => standIn.close());
  beforeEach(() => {
    log = new CapturedLog();
    robot = integrations({ RPA_ROBOT_URL: url, RPA_ROBOT_TOKEN: TOKEN }, { robot: { label: 'API do robô RPA', ...FAST } }, log).get('rpa', 'robot');
  });

  it('retries a GET answered 503 twice, with backoff, and returns the third answer', async () => {
    expect(robot.configured).toBe(true);
    await expect(robot.json('GET', '/flaky/a')).resolves.toEqual({ ok: true, key: 'a', hit: 3 });
    expect(standIn.hitsOf('/flaky/a')).toBe(3);
    const retries = log.lines.filter((l) => l.level === 'info' && /retrying/.test(l.msg));
    expect(retries.map((l) => (l.facts as { attempt: number }).attempt)).toEqual([1, 2]);
    expect(retries.every((l) => (l.facts as { status: number }).status === 503)).toBe(true);
    // Exponential: the second wait is drawn from twice the first one's range (5 ms, then 10 ms, each half jitter).
    const waits = retries.map((l) => (l.facts as { retryInMs: number }).retryInMs);
    expect(waits[0]).toBeLessThanOrEqual(5);
    expect(waits[1]).toBeGreaterThanOrEqual(5);
    expect(waits[1]).toBeLessThanOrEqual(10);
    const done = log.lines.find((l) => l.level === 'debug')!;
    expect(done.facts).toMatchObject({ integration: 'robot', method: 'GET', path: '/flaky/a', status: 200, attempt: 3 });
    expect(typeof (done.facts as { durationMs: unknown }).durationMs).toBe('number');
  });

  it('honours a Retry-After on 429', async () => {
    await expect(robot.json('GET', '/busy/x')).resolves.toEqual({ ok: true, hit: 2 });
    const retry = log.lines.find((l) => /retrying/.test(l.msg))!;
    expect(retry.facts).toMatchObject({ status: 429, retryInMs: 1 });
  });

  it('does not retry a 400, and the error carries the status and the far side’s answer', async () => {
    const error = await failure(robot.json('GET', '/bad/1'));
    expect(standIn.hitsOf('/bad/1')).toBe(1);
    expect(error).toMatchObject({ integration: 'robot', kind: 'rejected', status: 400, code: 'BAD_GATEWAY' });
    expect(error.message).toBe('A integração "API do robô RPA" recusou o pedido (HTTP 400).');
    expect(error.detail).toContain('cnpj inválido');
  });

  it('gives up on a server that never answers after the per-call timeout (GETs retried)', async () => {
    const error = await failure(robot.json('GET', '/hang/1', { timeoutMs: 100 }));
    expect(error).toMatchObject({ kind: 'timeout', code: 'GATEWAY_TIMEOUT', status: undefined });
    expect(error.message).toBe('A integração "API do robô RPA" não respondeu em 100 ms.');
    expect(standIn.hitsOf('/hang/1')).toBe(3);
  });

  it('stops waiting when the caller aborts, with the abort’s reason', async () => {
    const abort = new AbortController();
    const call = robot.json('GET', '/hang/2', { signal: abort.signal });
    await waitFor(async () => (standIn.hitsOf('/hang/2') ? true : undefined), 5_000, 'the request');
    abort.abort(new Error('execução cancelada'));
    await expect(call).rejects.toThrow('execução cancelada');
  });

  it('reports a refused connection as unavailable, naming the integration', async () => {
    const closed = new StandIn();
    const closedUrl = await closed.start();
    await closed.close();
    const gone = integrations({ RPA_ROBOT_URL: closedUrl }, { robot: { label: 'API do robô RPA', ...FAST } }).get('rpa', 'robot');
    const error = await failure(gone.json('GET', '/status'));
    expect(error).toMatchObject({ kind: 'unavailable', code: 'SERVICE_UNAVAILABLE', status: undefined });
    expect(error.message).toBe('A integração "API do robô RPA" está indisponível: não foi possível conectar (ECONNREFUSED).');
  });

  it('does not retry a POST unless asked to', async () => {
    const error = await failure(robot.json('POST', '/flaky/post', { body: { cnpj: '1' } }));
    expect(error).toMatchObject({ kind: 'unavailable', status: 503 });
    expect(standIn.hitsOf('/flaky/post')).toBe(1);
    await expect(robot.json('POST', '/flaky/post-again', { body: { cnpj: '1' }, retry: true })).resolves.toMatchObject({ ok: true, hit: 3 });
    expect(standIn.hitsOf('/flaky/post-again')).toBe(3);
  });

  it('refuses an answer that is not JSON', async () => {
    const error = await failure(robot.json('GET', '/text'));
    expect(error).toMatchObject({ kind: 'invalid_response', code: 'BAD_GATEWAY' });
    expect(error.message).toContain('API do robô RPA');
  });

  it('opens the circuit after repeated failures, fails fast, and closes it once the service answers again', async () => {
    const breaking = integrations(
      { RPA_ROBOT_URL: url },
      { robot: { label: 'API do robô RPA', retries: 0, circuit: { minimumCalls: 3, failurePercent: 50, resetMs: 150 } } },
    ).get('rpa', 'robot');
    standIn.down = true;
    try {
      for (let i = 0; i < 3; i++) expect(await failure(breaking.json('GET', '/status'))).toMatchObject({ kind: 'unavailable', status: 503 });
      expect(breaking.circuit).toBe('open');
      const before = standIn.hitsOf('/status');
      const fast = await failure(breaking.json('GET', '/status'));
      expect(fast).toMatchObject({ kind: 'unavailable', status: undefined });
      expect(fast.message).toBe('A integração "API do robô RPA" está indisponível após falhas repetidas; as chamadas voltam a ser tentadas em instantes.');
      expect(standIn.hitsOf('/status')).toBe(before);
    } finally {
      standIn.down = false;
    }
    await waitFor(async () => (breaking.circuit === 'half-open' ? true : undefined), 5_000, 'the circuit to half-open');
    await expect(breaking.json('GET', '/status')).resolves.toEqual({ up: true });
    expect(breaking.circuit).toBe('closed');
  });

  it('never writes the token or a password to the logs, and still sends them', async () => {
    const body = { login: 'cliente', senha: 'S3nh4-do-portal', dados: { api_key: 'K3y-abc', password: 'P4ss-xyz' } };
    const echoed = await robot.json<{ authorization: string; body: unknown; query: unknown }>('POST', '/echo', {
      body,
      query: { token: 'Q7oken', cnpj: '123' },
    });
    expect(echoed).toEqual({ body, query: { token: 'Q7oken', cnpj: '123' }, authorization: `Bearer ${TOKEN}` });
    await failure(robot.json('POST', '/bad/2', { body: { senha: 'S3nh4-do-portal' } }));
    await failure(robot.json('GET', '/flaky/never', { query: { password: 'P4ss-xyz' }, retry: false }));
    const text = log.text();
    expect(text).toContain('/echo?token=%5Bredacted%5D&cnpj=123');
    expect(text).toContain('"senha":"[redacted]"');
    for (const secret of [TOKEN, 'S3nh4-do-portal', 'K3y-abc', 'P4ss-xyz', 'Q7oken']) expect(text).not.toContain(secret);
    const rejected = await failure(robot.json('POST', '/bad/3', { body: { senha: 'S3nh4-do-portal' } }));
    expect(rejected.detail).not.toContain('S3nh4-do-portal');
    expect(JSON.stringify(rejected)).not.toContain(TOKEN);
  });

  it('fails every call of an integration without a base URL as not configured', async () => {
    const unset = integrations({}, { robot: { label: 'API do robô RPA' } }).get('rpa', 'robot');
    expect(unset.configured).toBe(false);
    const error = await failure(unset.json('GET', '/status'));
    expect(error).toMatchObject({ kind: 'not_configured', code: 'SERVICE_UNAVAILABLE' });
    expect(error.message).toBe('A integração "API do robô RPA" não está configurada (defina RPA_ROBOT_URL).');
  });

  it('refuses an integration the plugin does not declare', () => {
    expect(() => integrations({}, {}).get('rpa', 'outra')).toThrow('Integration "outra" is not declared by the rpa plugin');
  });

  it('streams a download, retried after a 502 before any byte arrived', async () => {
    const file = await robot.download('/file/1');
    expect(file).toMatchObject({ contentType: 'application/pdf', size: FILE_BYTES.length, fileName: 'fatura 10-2026.pdf' });
    const hash = createHash('sha256');
    let chunks = 0;
    for await (const chunk of file.body) {
      hash.update(chunk as Buffer);
      chunks++;
    }
    expect(hash.digest('hex')).toBe(createHash('sha256').update(FILE_BYTES).digest('hex'));
    expect(chunks).toBeGreaterThan(1);
    expect(standIn.hitsOf('/file/1')).toBe(2);
  });
});

describe('ctx.integration in a running platform', () => {
  const standIn = new StandIn();
  let fixture: FixtureModule;
  let platform: TestPlatform;
  let admin: ReturnType<typeof trpcApi>;

  beforeAll(async () => {
    const url = await standIn.start();
    const dir = path.join(ROOT, 'test', 'fixtures', 'integrations');
    fixture = await prepareFixtureModule({ manifestsDir: path.join(dir, 'manifests'), pluginsDir: path.join(dir, 'plugins') });
    platform = await startTestPlatform({ INTEGRA_SERVICO_URL: url, INTEGRA_SERVICO_TOKEN: TOKEN }, fixture.options);
    admin = trpcApi(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token);
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
    await fixture?.remove();
    await standIn.close();
  });

  it('calls the service from a procedure, and maps its failure to an HTTP error in pt-BR', async () => {
    await expect(admin.query('integra.consultar', { caminho: '/flaky/procedure' })).resolves.toMatchObject({ ok: true, hit: 3 });
    const error = await expectApiError(admin.query('integra.consultar', { caminho: '/bad/procedure' }), 'BAD_GATEWAY');
    expect(error.message).toBe('BAD_GATEWAY (502): A integração "Serviço de teste" recusou o pedido (HTTP 400).');
  });

  it('calls the service from a job in its worker thread, built from the module’s environment', async () => {
    const schedule = await scheduleCalls(admin).create('integra.consulta', 'consultar', { module: 'integra', params: { caminho: '/flaky/job' } });
    await admin.mutate('platform.schedule_run_now', { id: schedule.id });
    const run = await waitFor(async () => (await scheduleCalls(admin).runsOf(schedule.id)).find((r) => r.status !== 'running'), 30_000, 'the run');
    expect(run.error ?? null).toBeNull();
    expect(run.status).toBe('succeeded');
    expect(run.output).toContain('answer {"ok":true,"key":"job","hit":3}');
    expect(run.output).toContain('Serviço de teste: GET /flaky/job attempt 1 failed (HTTP 503), retrying');
    expect(run.output).toContain('configured: servico=true ausente=false');
    expect(run.output).not.toContain(TOKEN);
    expect(standIn.authorizations.at(-1)).toBe(`Bearer ${TOKEN}`);
  }, 60_000);
});
