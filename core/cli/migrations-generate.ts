/**
 * `npm run migrations:generate [-- --allow-drop <table>.<column> | <table> ...]`
 *
 * Writes a migration per module whose schema in the manifests changed since its
 * last generated migration. Needs no database. Exits 1 when a change is refused.
 */
import path from 'node:path';
import { buildAppModel } from '../app/index.js';
import { generateMigrations } from '../db/migrations/index.js';
import { runAsScript } from './runAsScript.js';

const USAGE = 'usage: npm run migrations:generate [-- --allow-drop <table>.<column> | <table> ...]';

export async function runMigrationsGenerate(args: readonly string[], root: string): Promise<number> {
  const allowDrop = parseAllowDrop(args);
  if (!allowDrop) {
    console.error(USAGE);
    return 1;
  }
  const model = await buildAppModel({ root });
  const { written, refusals } = await generateMigrations({ model, migrationsDir: path.join(root, 'migrations'), allowDrop });
  for (const refusal of refusals) console.error(`refused: ${refusal}\n`);
  if (refusals.length > 0) {
    console.error('Nothing was written.');
    return 1;
  }
  for (const file of written) console.log(`wrote ${path.relative(root, file)}`);
  if (written.length === 0) console.log('no changes');
  return 0;
}

/** `--allow-drop a.b c`, `--allow-drop=a.b`, repeatable; undefined on anything else. */
function parseAllowDrop(args: readonly string[]): string[] | undefined {
  const allowDrop: string[] = [];
  let collecting = false;
  for (const arg of args) {
    if (arg === '--allow-drop') collecting = true;
    else if (arg.startsWith('--allow-drop=')) allowDrop.push(arg.slice('--allow-drop='.length));
    else if (collecting && !arg.startsWith('-')) allowDrop.push(arg);
    else return undefined;
  }
  return allowDrop;
}

runAsScript(import.meta.url, runMigrationsGenerate);
