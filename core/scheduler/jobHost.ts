/**
 * The server's side of a job's database work. Job workers hold no database
 * handle: terminating a thread while a native driver has work in flight
 * aborts the whole process (node-sqlite3 calls back into the torn-down
 * environment), and a job must be stoppable at any moment. So every query,
 * record operation and backup a job asks for runs here, on the server's own
 * connections, services and change feed, as the system user.
 */
import { ValidationError } from '../errors/index.js';
import { backupDatabase, dumpDatabase, resolveBackupDir, serverDatabaseOf } from '../db/backup/index.js';
import type { DataAccess, DatabaseBackup } from '../plugin/types.js';
import type { EntityServices } from '../service/entityServices.js';
import { declaredIdentifiers } from '../service/declaredSql.js';
import { pluginContext } from '../service/pluginContext.js';
import { SYSTEM_USER } from '../service/systemUser.js';
import { answerFileHostCall, serverFileHost } from '../files/index.js';
import type { DatasourceNaming, HostCall } from './workerMessages.js';

export class JobHost {
  private readonly access = new Map<string, DataAccess>();
  private naming?: Record<string, DatasourceNaming>;

  constructor(
    private readonly services: EntityServices,
    private readonly dataDir: string,
  ) {}

  /** What a worker needs to build SQL names exactly as the server's DataAccess does. */
  datasourceNaming(): Record<string, DatasourceNaming> {
    if (!this.naming) {
      const identifiers = declaredIdentifiers(this.services.model);
      this.naming = Object.fromEntries(
        [...this.services.repos.datasources].map(([name, ds]) => {
          const quote = (id: string) => ds.sequelize.getQueryInterface().quoteIdentifier(id);
          return [name, { dialect: ds.dialect, quoted: Object.fromEntries(identifiers.map((id) => [id, quote(id)])) }];
        }),
      );
    }
    return this.naming;
  }

  execute(call: HostCall): Promise<unknown> {
    const data = this.dataOf(call.module);
    switch (call.op) {
      case 'query':
        return data.query(call.sql, call.params);
      case 'nextSequence':
        return data.nextSequence(call.name);
      case 'entity':
        return (data.entity(call.entity)[call.method] as (...args: unknown[]) => Promise<unknown>)(...call.args);
      case 'backup':
        return this.backup(call.module, call.folder, call.retention);
      case 'file':
        return answerFileHostCall(serverFileHost(this.services, SYSTEM_USER), call.call);
      case 'jobs':
        return (pluginContext(this.services, call.module, SYSTEM_USER).jobs[call.method] as (...args: unknown[]) => Promise<unknown>)(...call.args);
    }
  }

  /**
   * A backup of the module's database into a folder inside DATA_DIR: SQLite's
   * online copy, or a MariaDB/MySQL dump with the server's client programs.
   */
  private async backup(module: string, folder: string, retention: number): Promise<DatabaseBackup> {
    const name = this.services.model.modules[module]!.datasource;
    const ds = this.services.repos.datasources.get(name)!;
    const target = { destDir: resolveBackupDir(this.dataDir, folder), retention };
    if (ds.sqliteFile) return backupDatabase({ ...target, sqliteFile: ds.sqliteFile });
    if (ds.dialect === 'mysql') return dumpDatabase({ ...target, server: serverDatabaseOf(ds.sequelize) });
    throw new ValidationError(`The "${name}" datasource is a ${ds.dialect} server: back it up with that server's own tools`, [
      { path: 'datasource', message: `is a ${ds.dialect} server, which Forja's backups do not cover` },
    ]);
  }

  private dataOf(module: string): DataAccess {
    if (!this.services.model.modules[module]) throw new ValidationError(`No module "${module}"`, [{ path: 'module', message: 'is not a module of this app' }]);
    let data = this.access.get(module);
    if (!data) {
      data = pluginContext(this.services, module, SYSTEM_USER).data;
      this.access.set(module, data);
    }
    return data;
  }
}
