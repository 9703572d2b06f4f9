import argon2 from 'argon2';

/** argon2id with the library's defaults (64 MiB, 3 passes): slow on purpose. */
export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string | null | undefined, plain: string): Promise<boolean> {
  if (!hash) {
    // Spend the same time as a real check so unknown accounts are not revealed by timing.
    await argon2.hash(plain, { type: argon2.argon2id });
    return false;
  }
  return argon2.verify(hash, plain).catch(() => false);
}
