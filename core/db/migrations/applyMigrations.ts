/**
 * Start-up: applies the pending migrations of the modules bound to one
 * datasource, with umzug (the runner Sequelize's own CLI uses), each in its own
 * transaction together with its record in `forja_migrations`.
 */
import { pathToFileURL } from 'node:url';
import { DataTypes, Transaction, type ModelStatic, type Model, type Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { Datasource } from '../connect.js';
import type { AppModel } from '../../model/types.js';
import { applyOperations } from './applyOperations.js';
import { checkSchemaDrift } from './checkSchemaDrift.js';
import { compareMigrationFiles, listModuleMigrations, readGeneratedMigration, type MigrationFile } from './migrationFiles.js';
import { inTransactionWithoutForeignKeys } from './sqliteRebuild.js';
import type { HandWrittenMigration, MigrationContext } from './types.js';

export interface ApplyOptions {
  datasource: Datasource;
  model: AppModel;
  migrationsDir: string;
  /** The datasource names (as modules bind them) this connection serves; default: its own name. A named one that fell back to the default database is served by it. */
  serves?: readonly string[];
  log?: (message: string) => void;
}

export const MIGRATIONS_TABLE = 'forja_migrations';

/** Returns the names (`<module>/<file>`) of the migrations applied now. */
export async function applyMigrations(options: ApplyOptions): Promise<string[]> {
  await checkSchemaDrift(options.model, options.migrationsDir);
  const files = await datasourceMigrations(options);
  // A company's existing database holding only unmanaged tables gets no table of Forja's either.
  if (files.length === 0) return [];
  const record = migrationRecords(options.datasource.sequelize);
  const umzug = new Umzug({
    migrations: files.map((file) => ({ name: file.name, path: file.path, up: () => applyMigration(file, files, record, options.datasource) })),
    storage: new RecordedByEachMigration({ model: record }),
    logger: options.log ? umzugLogger(options.log) : undefined,
  });
  const applied = await umzug.up();
  return applied.map((m) => m.name);
}

async function datasourceMigrations(options: ApplyOptions): Promise<MigrationFile[]> {
  const serves = options.serves ?? [options.datasource.name];
  const modules = Object.values(options.model.modules).filter((m) => serves.includes(m.datasource));
  const files = await Promise.all(modules.map((m) => listModuleMigrations(options.migrationsDir, m.name)));
  return files.flat().sort(compareMigrationFiles);
}

/** Each migration records itself inside its own transaction, so a migration and its record commit or roll back together. */
class RecordedByEachMigration extends SequelizeStorage {
  override async logMigration(): Promise<void> {}
}

function migrationRecords(sequelize: Sequelize): ModelStatic<Model> {
  if (sequelize.isDefined('ForjaMigration')) return sequelize.model('ForjaMigration');
  return sequelize.define(
    'ForjaMigration',
    { name: { type: DataTypes.STRING(190), primaryKey: true, allowNull: false } },
    { tableName: MIGRATIONS_TABLE, timestamps: false },
  );
}

async function applyMigration(file: MigrationFile, all: readonly MigrationFile[], record: ModelStatic<Model>, datasource: Datasource): Promise<void> {
  const { sequelize, dialect } = datasource;
  const recordIn = (transaction: Transaction) => record.create({ name: file.name }, { transaction });
  if (!file.generated) {
    const migration = await loadHandWritten(file);
    // SQLite: take the write lock up front rather than fail to upgrade a read lock half-way.
    const options = dialect === 'sqlite' ? { type: Transaction.TYPES.IMMEDIATE } : {};
    await sequelize.transaction(options, async (transaction) => {
      const context: MigrationContext = { sequelize, queryInterface: sequelize.getQueryInterface(), dialect, transaction };
      await migration.up(context);
      await recordIn(transaction);
    });
    return;
  }
  const migration = await readGeneratedMigration(file);
  const before = await snapshotBefore(file, all);
  const work = async (transaction: Transaction) => {
    await applyOperations(migration.operations, {
      dialect,
      sequelize,
      queryInterface: sequelize.getQueryInterface(),
      transaction,
      before,
      after: migration.snapshot,
    });
    await recordIn(transaction);
  };
  if (dialect === 'sqlite') await inTransactionWithoutForeignKeys(sequelize, work);
  else await sequelize.transaction(work);
}

async function loadHandWritten(file: MigrationFile): Promise<HandWrittenMigration> {
  const loaded = (await import(pathToFileURL(file.path).href)) as Partial<HandWrittenMigration>;
  if (typeof loaded.up !== 'function')
    throw new Error(`${file.path}: a hand-written migration must export \`async function up({ sequelize, queryInterface, dialect, transaction })\``);
  return loaded as HandWrittenMigration;
}

/** The module's schema as its previous generated migration left it. */
async function snapshotBefore(file: MigrationFile, all: readonly MigrationFile[]) {
  const earlier = all.filter((f) => f.module === file.module && f.generated && f.file < file.file).at(-1);
  return earlier ? (await readGeneratedMigration(earlier)).snapshot : { tables: {} };
}

function umzugLogger(log: (message: string) => void): Record<'info' | 'warn' | 'error' | 'debug', (message: Record<string, unknown>) => void> {
  const say = (message: Record<string, unknown>) => {
    if (message.event === 'migrating') log(`applying migration ${String(message.name)}`);
    else if (message.event === 'migrated') log(`applied migration ${String(message.name)} in ${String(message.durationSeconds)}s`);
  };
  return { info: say, warn: say, error: say, debug: () => {} };
}
