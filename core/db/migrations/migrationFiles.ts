/**
 * The migration files on disk: `migrations/<module>/<YYYYMMDDHHmmss>_<slug>.json`
 * (generated) and `.ts`/`.js` (hand-written), applied in file-name order.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SchemaSnapshot } from '../schema/types.js';
import type { GeneratedMigration } from './types.js';

export interface MigrationFile {
  module: string;
  /** File name, e.g. `20250101120000_add_pedido_obs.json`. */
  file: string;
  /** `<module>/<file>`: the name recorded in `forja_migrations`. */
  name: string;
  path: string;
  /** The `YYYYMMDDHHmmss` prefix. */
  timestamp: string;
  generated: boolean;
}

/** Core's own module: every other module may reference its tables, so it goes first. */
export const PLATFORM_MODULE = 'platform';

const MIGRATION_FILE = /^(\d{14})_[^.]+\.(json|ts|js)$/;
const MIGRATION_EXTENSION = /\.(json|ts|js)$/;

export async function listModuleMigrations(migrationsDir: string, module: string): Promise<MigrationFile[]> {
  const dir = path.join(migrationsDir, module);
  const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [] as string[];
    throw e;
  });
  const files: MigrationFile[] = [];
  for (const file of names.sort()) {
    if (!MIGRATION_EXTENSION.test(file) || file.endsWith('.d.ts')) continue;
    const match = MIGRATION_FILE.exec(file);
    // Guessing the order of a misnamed migration could apply it at the wrong time.
    if (!match) throw new Error(`${path.join(dir, file)}: migration files must be named <YYYYMMDDHHmmss>_<slug>.json, .ts or .js`);
    files.push({ module, file, name: `${module}/${file}`, path: path.join(dir, file), timestamp: match[1]!, generated: match[2] === 'json' });
  }
  return files;
}

export async function readGeneratedMigration(file: MigrationFile): Promise<GeneratedMigration> {
  let parsed: GeneratedMigration;
  try {
    parsed = JSON.parse(await readFile(file.path, 'utf8')) as GeneratedMigration;
  } catch (e) {
    throw new Error(`${file.path}: not a readable migration file: ${(e as Error).message}`);
  }
  if (!Array.isArray(parsed.operations) || typeof parsed.snapshot?.tables !== 'object') {
    throw new Error(`${file.path}: a generated migration needs "operations" and "snapshot"`);
  }
  return parsed;
}

/** The schema as of the module's latest generated migration; empty when there is none. */
export async function latestSnapshot(files: readonly MigrationFile[]): Promise<SchemaSnapshot> {
  const latest = files.filter((f) => f.generated).at(-1);
  return latest ? (await readGeneratedMigration(latest)).snapshot : { tables: {} };
}

/** Apply order across modules: time first, then core's platform module, then names. */
export function compareMigrationFiles(a: MigrationFile, b: MigrationFile): number {
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? -1 : 1;
  if (a.module !== b.module) {
    if (a.module === PLATFORM_MODULE || b.module === PLATFORM_MODULE) return a.module === PLATFORM_MODULE ? -1 : 1;
    return a.module < b.module ? -1 : 1;
  }
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** `YYYYMMDDHHmmss` in UTC, so file order does not depend on the developer's time zone. */
export function timestampOf(date: Date): string {
  return date.toISOString().replace(/\D/g, '').slice(0, 14);
}

export function dateOfTimestamp(timestamp: string): Date {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/.exec(timestamp)!;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}
