/**
 * Configuration from the environment, checked once at start. Every bad value
 * is reported together, each with what was expected.
 */
import path from 'node:path';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../time/index.js';

export interface Config {
  port: number;
  host: string;
  /** Project root: manifests/, plugins/, migrations/. */
  root: string;
  dataDir: string;
  /** Absent: embedded SQLite in dataDir. */
  databaseUrl?: string;
  /** Named datasources besides `default`: DATASOURCE_<NAME>_URL. */
  datasourceUrls: Record<string, string>;
  seed: boolean;
  adminEmail: string;
  adminPassword?: string;
  authSecret?: string;
  /** The key of secret fields (SECRETS_KEY), older keys still decrypting (SECRETS_KEY_PREVIOUS), and whether a generated key may stand in. */
  secrets: { key?: string; previous: string[]; required: boolean };
  tokenTtlSeconds: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  corsOrigins: string[];
  trustProxy: boolean;
  /** Totals above this are reported as "more than N" instead of counted. */
  totalCountCap: number;
  shutdownTimeoutMs: number;
  login: { maxFailures: number; windowSeconds: number; lockSeconds: number };
  secureCookies: boolean;
  /** Socket.IO fan-out across processes (not wired yet: a warning says so). */
  redisUrl?: string;
  /** Runs scheduled jobs in this process (SCHEDULER=off for web-only processes of a cluster). */
  scheduler: boolean;
  /** Record runs (`ctx.jobs.start`) executing at once in this process (JOBS_CONCURRENCY); the rest wait queued. */
  jobsConcurrency: number;
  /** IANA zone of the business calendar: what "today" is for date fields. */
  timeZone: string;
  /**
   * Variables for modules: every `<MODULE>_<NAME>` in the environment that is
   * not one of core's own; a plugin reads those of its module with
   * `ctx.settings.get('<NAME>')` (e.g. LASER_STEP_DIR).
   */
  moduleEnv: Readonly<Record<string, string>>;
  /** Where file contents live when not on the local disk (`<dataDir>/files`): an S3-compatible bucket (FILES_S3_BUCKET set). */
  filesS3?: S3StoreSettings;
}

/** An S3-compatible bucket for file contents (AWS S3, MinIO, DigitalOcean Spaces, Ceph…). */
export interface S3StoreSettings {
  bucket: string;
  /** Absent: AWS itself, by region. */
  endpoint?: string;
  region: string;
  /** Absent (with the secret): the SDK's own credential chain (instance roles, AWS_* variables, ~/.aws). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** `bucket` in the path instead of the host name: what MinIO and most stand-ins need. */
  forcePathStyle: boolean;
  /** Key prefix inside the bucket, '' or ending in '/'. */
  prefix: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Config {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);
  const config: Config = {
    port: read.integer('PORT', 3000, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    root,
    dataDir: path.resolve(root, env.DATA_DIR ?? 'data'),
    databaseUrl: read.databaseUrl('DATABASE_URL'),
    datasourceUrls: read.datasources(),
    seed: read.boolean('SEED', true),
    adminEmail: read.email('ADMIN_EMAIL', 'admin@forja.local'),
    adminPassword: read.password('ADMIN_PASSWORD'),
    authSecret: read.secret('AUTH_SECRET'),
    // The key's format is checked where it is parsed (core/secrets), at start.
    secrets: { key: read.text('SECRETS_KEY'), previous: read.list('SECRETS_KEY_PREVIOUS'), required: env.NODE_ENV === 'production' },
    tokenTtlSeconds: read.duration('TOKEN_TTL', 12 * 3600),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    corsOrigins: read.list('CORS_ORIGINS'),
    trustProxy: read.boolean('TRUST_PROXY', false),
    totalCountCap: read.integer('TOTAL_COUNT_CAP', 10_000, 100, 10_000_000),
    shutdownTimeoutMs: read.integer('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    login: {
      maxFailures: read.integer('LOGIN_MAX_FAILURES', 5, 1, 1000),
      windowSeconds: read.duration('LOGIN_WINDOW', 15 * 60),
      lockSeconds: read.duration('LOGIN_LOCK', 15 * 60),
    },
    secureCookies: read.boolean('SECURE_COOKIES', env.NODE_ENV === 'production'),
    redisUrl: env.REDIS_URL?.trim() || undefined,
    scheduler: read.boolean('SCHEDULER', true),
    jobsConcurrency: read.integer('JOBS_CONCURRENCY', 4, 1, 256),
    timeZone: read.timeZone('TIME_ZONE', DEFAULT_TIME_ZONE),
    moduleEnv: {},
    filesS3: read.s3Store(),
  };
  config.moduleEnv = read.unclaimed();
  if (problems.length) throw new ConfigError(problems);
  return config;
}

class EnvReader {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly problems: string[],
  ) {}

  private readonly claimed = new Set(['NODE_ENV', 'HOST', 'DATA_DIR', 'REDIS_URL']);

  private raw(name: string): string | undefined {
    this.claimed.add(name);
    const v = this.env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    const n = /^-?\d+$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${name}="${v}" must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return n;
  }

  boolean(name: string, fallback: boolean): boolean {
    const v = this.raw(name)?.toLowerCase();
    if (v === undefined) return fallback;
    if (['true', '1', 'yes', 'on'].includes(v)) return true;
    if (['false', '0', 'no', 'off'].includes(v)) return false;
    this.problems.push(`${name}="${v}" must be true or false`);
    return fallback;
  }

  timeZone(name: string, fallback: string): string {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (isTimeZone(v)) return v;
    this.problems.push(`${name}="${v}" is not an IANA time zone (e.g. America/Sao_Paulo, America/Manaus, UTC)`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    this.problems.push(`${name}="${v}" must be one of ${allowed.join(', ')}`);
    return fallback;
  }

  /** `90`, `90s`, `15m`, `12h`, `7d` → seconds. */
  duration(name: string, fallback: number): number {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    const m = /^(\d+)\s*(s|m|h|d)?$/.exec(v);
    if (!m || Number(m[1]) === 0) {
      this.problems.push(`${name}="${v}" must be a duration such as 900, 15m, 12h or 7d`);
      return fallback;
    }
    return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's') as 's']!;
  }

  list(name: string): string[] {
    return (this.raw(name) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  email(name: string, fallback: string): string {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (!/^[^@\s]+@[^@\s]+$/.test(v)) this.problems.push(`${name}="${v}" is not an e-mail address`);
    return v.toLowerCase();
  }

  password(name: string): string | undefined {
    this.claimed.add(name);
    const v = this.env[name];
    if (v === undefined || v === '') return undefined;
    if (v.length < 8) this.problems.push(`${name} must have at least 8 characters`);
    return v;
  }

  text(name: string): string | undefined {
    return this.raw(name);
  }

  secret(name: string): string | undefined {
    const v = this.raw(name);
    if (v !== undefined && v.length < 32) this.problems.push(`${name} must have at least 32 characters`);
    return v;
  }

  databaseUrl(name: string): string | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      this.problems.push(
        `${name} is not a valid URL (expected mysql://user:password@host:3306/database, mariadb://… or oracle://user:password@host:1521/service)`,
      );
      return undefined;
    }
    if (!['mysql:', 'mariadb:', 'oracle:'].includes(url.protocol)) {
      this.problems.push(`${name} uses "${url.protocol.replace(':', '')}"; expected mysql://, mariadb:// or oracle:// (leave it unset for embedded SQLite)`);
    } else if (!url.hostname || url.pathname.length < 2) {
      this.problems.push(`${name} needs a host and a database name, e.g. mysql://user:password@host:3306/forja`);
    }
    return v;
  }

  /** FILES_S3_*: undefined without a bucket; every other variable is then refused rather than silently ignored. */
  s3Store(): S3StoreSettings | undefined {
    const bucket = this.raw('FILES_S3_BUCKET');
    const endpoint = this.raw('FILES_S3_ENDPOINT');
    const region = this.raw('FILES_S3_REGION');
    const accessKeyId = this.raw('FILES_S3_ACCESS_KEY_ID');
    const secretAccessKey = this.raw('FILES_S3_SECRET_ACCESS_KEY');
    const forcePathStyle = this.boolean('FILES_S3_FORCE_PATH_STYLE', false);
    const prefix = this.raw('FILES_S3_PREFIX');
    if (bucket === undefined) {
      const stray = [
        'FILES_S3_ENDPOINT',
        'FILES_S3_REGION',
        'FILES_S3_ACCESS_KEY_ID',
        'FILES_S3_SECRET_ACCESS_KEY',
        'FILES_S3_FORCE_PATH_STYLE',
        'FILES_S3_PREFIX',
      ].filter((name) => this.raw(name) !== undefined);
      if (stray.length)
        this.problems.push(
          `${stray.join(', ')} set without FILES_S3_BUCKET: set the bucket to store files in S3, or unset them to keep files on the local disk`,
        );
      return undefined;
    }
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
      this.problems.push(`FILES_S3_BUCKET="${bucket}" is not a bucket name (3 to 63 lower-case letters, digits, dots and dashes)`);
    if (endpoint !== undefined && !/^https?:\/\/[^/]/.test(endpoint))
      this.problems.push(`FILES_S3_ENDPOINT="${endpoint}" must be an http:// or https:// URL, e.g. http://127.0.0.1:9000 for MinIO`);
    if ((accessKeyId === undefined) !== (secretAccessKey === undefined))
      this.problems.push(
        `${accessKeyId === undefined ? 'FILES_S3_ACCESS_KEY_ID' : 'FILES_S3_SECRET_ACCESS_KEY'} is missing: set both FILES_S3_ACCESS_KEY_ID and FILES_S3_SECRET_ACCESS_KEY, or neither (the SDK's own credentials)`,
      );
    if (prefix !== undefined && (prefix.startsWith('/') || prefix.includes('..')))
      this.problems.push(`FILES_S3_PREFIX="${prefix}" must be a relative key prefix such as forja/files`);
    return {
      bucket,
      endpoint,
      region: region ?? 'us-east-1',
      credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
      forcePathStyle,
      prefix: prefix ? `${prefix.replace(/\/+$/, '')}/` : '',
    };
  }

  /** `NAME_PART` variables core did not read (nor a DATASOURCE_<NAME>_URL): what modules may be configured by. Call last. */
  unclaimed(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(this.env)) {
      if (value === undefined || this.claimed.has(name) || !/^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/.test(name) || /^DATASOURCE_/.test(name)) continue;
      out[name] = value;
    }
    return out;
  }

  datasources(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of Object.keys(this.env)) {
      const m = /^DATASOURCE_([A-Z][A-Z0-9_]*)_URL$/.exec(key);
      if (!m) continue;
      const url = this.databaseUrl(key);
      if (url) out[m[1]!.toLowerCase()] = url;
    }
    return out;
  }
}
