import type { AppModel } from '../model/types.js';
import { connectDatasource, embeddedSqliteFile, type Datasource } from './connect.js';

/** Where the databases are. */
export interface DatasourceSettings {
  dataDir: string;
  /** Absent: embedded SQLite in dataDir. */
  databaseUrl?: string;
  datasourceUrls: Record<string, string>;
}

/**
 * The SQLite file of a datasource, or undefined when it lives on a database
 * server. A named datasource without its own URL is the default database.
 */
export function sqliteFileOf(name: string, settings: DatasourceSettings): string | undefined {
  const url = name === 'default' ? settings.databaseUrl : (settings.datasourceUrls[name] ?? settings.databaseUrl);
  return url ? undefined : embeddedSqliteFile(settings.dataDir);
}

/** Named datasources some module binds to that have no `DATASOURCE_<NAME>_URL`: they fall back to the default database. */
export function fallbackDatasources(model: AppModel, settings: DatasourceSettings): string[] {
  const named = new Set(Object.values(model.modules).map((m) => m.datasource));
  return [...named].filter((name) => name !== 'default' && !settings.datasourceUrls[name]);
}

/**
 * Connects `default` and every datasource a module is bound to. A named one
 * whose URL is not set is the default datasource itself (one connection pool,
 * one transaction for both), so a demo runs on the embedded database.
 */
export async function connectModelDatasources(
  model: AppModel,
  settings: DatasourceSettings,
  log: (message: string) => void = () => {},
): Promise<Map<string, Datasource>> {
  const fallbacks = new Set(fallbackDatasources(model, settings));
  const names = new Set(['default', ...Object.values(model.modules).map((m) => m.datasource)]);
  const map = new Map<string, Datasource>();
  try {
    map.set('default', await connectDatasource({ name: 'default', url: settings.databaseUrl, sqliteFile: sqliteFileOf('default', settings) }));
    for (const name of names) {
      if (name === 'default') continue;
      if (fallbacks.has(name)) {
        log(`datasource "${name}": DATASOURCE_${name.toUpperCase()}_URL is not set, so it uses the default database`);
        map.set(name, map.get('default')!);
        continue;
      }
      map.set(name, await connectDatasource({ name, url: settings.datasourceUrls[name] }));
      log(`datasource "${name}": DATASOURCE_${name.toUpperCase()}_URL`);
    }
  } catch (e) {
    await closeDatasources(map);
    throw e;
  }
  return map;
}

/** Each connection once, however many names share it. */
export function distinctDatasources(datasources: Map<string, Datasource>): Datasource[] {
  return [...new Set(datasources.values())];
}

export async function closeDatasources(datasources: Map<string, Datasource>): Promise<void> {
  await Promise.all(distinctDatasources(datasources).map((ds) => ds.close()));
}
