/**
 * Configuration from the environment: every bad value is reported with its
 * variable name, all in one ConfigError; good values are parsed; a bad value
 * stops `core/main.ts` with a readable message and no stack trace.
 */
import { runProcess } from './support/runProcess.js';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type Config } from '../core/config/index.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSX = path.join(REPO, 'node_modules', '.bin', 'tsx');
const ROOT = '/srv/forja';

/** loadConfig must throw a ConfigError; returns it. */
function configErrorOf(env: Record<string, string>): ConfigError {
  let error: unknown;
  try {
    loadConfig(env, ROOT);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

/** loadConfig must throw a ConfigError; returns its problem lines. */
function problemsOf(env: Record<string, string>): string[] {
  return configErrorOf(env).problems;
}

function configOf(env: Record<string, string>): Config {
  return loadConfig(env, ROOT);
}

const AUTH_SECRET = 'x'.repeat(32);

describe('bad values', () => {
  it.each([
    ['PORT', 'abc', 'PORT="abc" must be a whole number from 0 to 65535'],
    ['PORT', '70000', 'PORT="70000" must be a whole number from 0 to 65535'],
    ['PORT', '-1', 'PORT="-1" must be a whole number from 0 to 65535'],
    ['PORT', '80.5', 'PORT="80.5" must be a whole number from 0 to 65535'],
    ['DATABASE_URL', 'not a url', /^DATABASE_URL is not a valid URL \(expected mysql:\/\/user:password@host:3306\/database/],
    ['DATABASE_URL', 'postgres://x/y', /^DATABASE_URL uses "postgres"; expected mysql:\/\/, mariadb:\/\/ or oracle:\/\//],
    ['DATABASE_URL', 'mysql://host-without-db', /^DATABASE_URL needs a host and a database name/],
    ['DATABASE_URL', 'mysql://host-without-db/', /^DATABASE_URL needs a host and a database name/],
    ['DATASOURCE_LASER_URL', 'sqlserver://h/db', /^DATASOURCE_LASER_URL uses "sqlserver"/],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL="loud" must be one of fatal, error, warn, info, debug, trace, silent'],
    ['SEED', 'maybe', 'SEED="maybe" must be true or false'],
    ['TRUST_PROXY', 'sometimes', 'TRUST_PROXY="sometimes" must be true or false'],
    ['SCHEDULER', 'later', 'SCHEDULER="later" must be true or false'],
    ['TOKEN_TTL', '0', 'TOKEN_TTL="0" must be a duration such as 900, 15m, 12h or 7d'],
    ['TOKEN_TTL', '12 hours', 'TOKEN_TTL="12 hours" must be a duration such as 900, 15m, 12h or 7d'],
    ['ADMIN_EMAIL', 'admin', 'ADMIN_EMAIL="admin" is not an e-mail address'],
    ['AUTH_SECRET', 'short-secret', 'AUTH_SECRET must have at least 32 characters'],
    ['ADMIN_PASSWORD', 'abc123', 'ADMIN_PASSWORD must have at least 8 characters'],
  ])('%s=%s', (name, value, expected) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toEqual([typeof expected === 'string' ? expected : expect.stringMatching(expected)]);
  });

  it('every bad value is reported at once, each with its variable name', () => {
    const env = {
      PORT: 'abc',
      DATABASE_URL: 'postgres://x/y',
      DATASOURCE_LASER_URL: 'mysql://host-without-db',
      LOG_LEVEL: 'loud',
      SEED: 'maybe',
      TOKEN_TTL: '0',
      AUTH_SECRET: 'too-short',
      ADMIN_PASSWORD: 'abc',
    };
    const { problems, message } = configErrorOf(env);
    expect(problems).toHaveLength(8);
    for (const name of Object.keys(env)) {
      expect(
        problems.filter((p) => p.startsWith(name)),
        name,
      ).toHaveLength(1);
    }
    expect(message.split('\n')[0]).toBe('Invalid configuration:');
    for (const p of problems) expect(message).toContain(`  - ${p}`);
  });

  it('secrets are not echoed back in the report', () => {
    const problems = problemsOf({ AUTH_SECRET: 'my-short-secret', ADMIN_PASSWORD: 'pw-1234' });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).not.toContain('my-short-secret');
    expect(problems.join('\n')).not.toContain('pw-1234');
  });
});

describe('good values', () => {
  it('an empty environment gives the defaults', () => {
    const config = configOf({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      root: ROOT,
      dataDir: path.join(ROOT, 'data'),
      datasourceUrls: {},
      seed: true,
      adminEmail: 'admin@forja.local',
      tokenTtlSeconds: 12 * 3600,
      logLevel: 'info',
      corsOrigins: [],
      trustProxy: false,
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.authSecret).toBeUndefined();
    expect(config.adminPassword).toBeUndefined();
  });

  it.each([
    ['900', 900],
    ['90s', 90],
    ['15m', 900],
    ['12h', 43_200],
    ['7d', 604_800],
  ])('TOKEN_TTL=%s → %d seconds', (value, seconds) => {
    expect(configOf({ TOKEN_TTL: value }).tokenTtlSeconds).toBe(seconds);
  });

  it('CORS_ORIGINS is a comma-separated list', () => {
    expect(configOf({ CORS_ORIGINS: 'https://a.example, https://b.example:8443 ,,' }).corsOrigins).toEqual(['https://a.example', 'https://b.example:8443']);
  });

  it('DATASOURCE_<NAME>_URL becomes a named datasource', () => {
    const config = configOf({ DATASOURCE_LASER_URL: 'oracle://u:p@h:1521/svc', DATASOURCE_ERP_VELHO_URL: 'mysql://u:p@db:3306/erp' });
    expect(config.datasourceUrls).toEqual({ laser: 'oracle://u:p@h:1521/svc', erp_velho: 'mysql://u:p@db:3306/erp' });
  });

  it('supported database URLs, ports, booleans, log levels and paths are accepted', () => {
    const config = configOf({
      PORT: ' 8080 ',
      DATABASE_URL: 'mariadb://forja:pw@db.local:3306/forja',
      SEED: 'off',
      SCHEDULER: 'off',
      TRUST_PROXY: 'YES',
      LOG_LEVEL: 'debug',
      DATA_DIR: 'var/data',
      ADMIN_EMAIL: 'Chefe@Empresa.com.br',
      AUTH_SECRET,
      ADMIN_PASSWORD: 'a-long-password',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'mariadb://forja:pw@db.local:3306/forja',
      seed: false,
      scheduler: false,
      trustProxy: true,
      logLevel: 'debug',
      dataDir: path.join(ROOT, 'var/data'),
      adminEmail: 'chefe@empresa.com.br',
      authSecret: AUTH_SECRET,
      adminPassword: 'a-long-password',
    });
  });
});

describe('start-up with a bad configuration', () => {
  const tempDirs: string[] = [];
  afterAll(async () => {
    await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('core/main.ts with DATABASE_URL=garbage exits 1 naming DATABASE_URL, without a stack trace', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'forja-config-'));
    tempDirs.push(root);
    const dataDir = path.join(root, 'data');
    await mkdir(dataDir);
    const result = await runProcess(TSX, [path.join(REPO, 'core/main.ts')], root, {
      DATABASE_URL: 'garbage',
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Forja did not start');
    expect(result.stderr).toContain('Invalid configuration:');
    expect(result.stderr).toMatch(/^ {2}- DATABASE_URL is not a valid URL/m);
    expect(result.stderr).not.toMatch(/^ {4}at /m);
    expect(await readdir(dataDir)).toEqual([]);
  });
});
