import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface BenchCredentials {
  admin: { email: string; password: string };
  vendedor: { email: string; password: string };
}

/**
 * Accounts of a benchmark database: random passwords made with the data and
 * kept beside it (mode 600), so a reused BENCH_DATA_DIR and bench/breakdown.ts
 * sign in with what the first run created. No password lives in the repository.
 */
export function benchCredentials(dataDir: string): BenchCredentials {
  const file = path.join(dataDir, 'bench-credentials.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as BenchCredentials;
  } catch {
    const made: BenchCredentials = {
      admin: { email: 'admin@bench.local', password: randomBytes(18).toString('base64url') },
      vendedor: { email: 'vendedor@bench.local', password: randomBytes(18).toString('base64url') },
    };
    writeFileSync(file, JSON.stringify(made), { mode: 0o600 });
    return made;
  }
}
