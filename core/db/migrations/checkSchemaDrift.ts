import type { AppModel } from '../../model/types.js';
import { compareSnapshots, describeOperation } from './diffSnapshots.js';
import { currentSnapshot, previousSnapshot } from './generateMigrations.js';
import { latestSnapshot, listModuleMigrations } from './migrationFiles.js';

/**
 * Throws when the app model wants a schema the migrations do not describe (a
 * manifest edited without `npm run migrations:generate`): starting anyway would
 * serve fields that have no column.
 */
export async function checkSchemaDrift(model: AppModel, migrationsDir: string): Promise<void> {
  const changes: string[] = [];
  for (const module of Object.values(model.modules)) {
    const files = await listModuleMigrations(migrationsDir, module.name);
    if (Object.keys(module.entities).length === 0 && files.length === 0) continue;
    const diff = compareSnapshots(previousSnapshot(await latestSnapshot(files), module), currentSnapshot(model, module), new Set());
    changes.push(...diff.operations.map((op) => `${module.name}: ${describeOperation(op)}`));
    changes.push(...diff.refusals.map((r) => `${module.name}: ${r.column ? `column ${r.table}.${r.column}` : `table ${r.table}`} ${r.problem}`));
  }
  if (changes.length === 0) return;
  throw new Error(
    `The app model has schema changes that no migration in ${migrationsDir} describes:\n` +
      changes.map((c) => `  - ${c}\n`).join('') +
      'Run `npm run migrations:generate`, review the new migration files, then start again.',
  );
}
