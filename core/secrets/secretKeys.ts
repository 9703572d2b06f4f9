/**
 * Where the secrets key comes from: SECRETS_KEY (32 bytes as base64 or hex),
 * with SECRETS_KEY_PREVIOUS (comma-separated) still decrypting during a
 * rotation. Without SECRETS_KEY a development install generates one into the
 * data folder (mode 600), as it does the auth secret; production (NODE_ENV=
 * production) refuses to start without it when any field is a secret, because
 * a key beside the database protects nothing once the folder is copied.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SecretBox, secretKey, type SecretKey } from './secretBox.js';

export const SECRETS_KEY_FILE = 'secrets-key';

export interface SecretKeySources {
  key?: string;
  previous: readonly string[];
  dataDir: string;
  /** True where a generated key must not stand in (production with secret fields). */
  keyRequired: boolean;
}

/** A configured key is wrong or missing: the message says which and how to make one. */
export class SecretsConfigError extends Error {
  constructor(message: string) {
    super(`${message}. Generate a key with: openssl rand -base64 32`);
    this.name = 'SecretsConfigError';
  }
}

export function secretBoxFrom(sources: SecretKeySources): SecretBox {
  const previous = sources.previous.map((text, i) => parseKey(text, `SECRETS_KEY_PREVIOUS (key ${i + 1})`));
  if (sources.key) return new SecretBox(parseKey(sources.key, 'SECRETS_KEY'), previous);
  if (sources.keyRequired) throw new SecretsConfigError('SECRETS_KEY must be set in production: secret fields are encrypted with it');
  return new SecretBox(secretKey(generatedKey(sources.dataDir)), previous);
}

/** 32 bytes written as base64 (44 characters, or 43 unpadded; base64url too) or as 64 hex digits. */
export function parseKey(text: string, name: string): SecretKey {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)
      ? Buffer.from(trimmed, 'base64')
      : undefined;
  if (bytes?.length !== 32) throw new SecretsConfigError(`${name} must be 32 bytes written as base64 (44 characters) or hex (64 digits)`);
  return secretKey(bytes);
}

function generatedKey(dataDir: string): Buffer {
  const file = path.join(dataDir, SECRETS_KEY_FILE);
  try {
    return parseKey(readFileSync(file, 'utf8'), file).bytes;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    mkdirSync(dataDir, { recursive: true });
    const bytes = randomBytes(32);
    writeFileSync(file, bytes.toString('base64'), { mode: 0o600, flag: 'wx' });
    return bytes;
  }
}
