/**
 * Secret field values encrypted at rest: AES-256-GCM (node:crypto) with a
 * random 96-bit IV per value and its 128-bit auth tag. A stored value names
 * the key that made it, so older keys (SECRETS_KEY_PREVIOUS) still decrypt
 * while `npm run secrets:rotate` re-encrypts with the current one. The field
 * (`module.entity.field`) is bound in as associated data: a value copied into
 * another field does not decrypt.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const FORMAT = 'fs1';
const IV_BYTES = 12;

/** A key, with the short id stored values carry (not secret: a digest's first 8 hex digits). */
export interface SecretKey {
  id: string;
  bytes: Buffer;
}

/** What no key can decrypt: an unknown key id, a tampered value, or text that is no secret value at all. */
export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}

export function secretKey(bytes: Buffer): SecretKey {
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 8), bytes };
}

export class SecretBox {
  private readonly byId: Map<string, SecretKey>;

  /** `current` encrypts; it and `previous` decrypt. */
  constructor(
    readonly current: SecretKey,
    previous: readonly SecretKey[] = [],
  ) {
    this.byId = new Map([current, ...previous].map((k) => [k.id, k]));
  }

  encrypt(plain: string, field: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.bytes, iv);
    cipher.setAAD(Buffer.from(field));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [FORMAT, this.current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(':');
  }

  decrypt(stored: string, field: string): string {
    const [format, keyId, iv, tag, body] = stored.split(':');
    if (format !== FORMAT || !keyId || !iv || !tag || body === undefined) throw new SecretKeyError(`The stored value of ${field} is not an encrypted secret`);
    const key = this.byId.get(keyId);
    if (!key) {
      throw new SecretKeyError(
        `The secret in ${field} was encrypted with key ${keyId}, which is neither SECRETS_KEY (${this.current.id}) nor one of SECRETS_KEY_PREVIOUS`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(field));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretKeyError(`The secret in ${field} could not be decrypted with key ${keyId}: the stored value was altered`);
    }
  }

  /** Whether a stored value is already under the current key (rotation skips it). */
  isCurrent(stored: string): boolean {
    return stored.split(':')[1] === this.current.id;
  }
}
