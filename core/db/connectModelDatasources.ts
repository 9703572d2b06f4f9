import type { AppModel } from '../model/types.js';
import { connectDatasource, embeddedSqliteFile, type Datasource } from './connect.js';

/** Where the databases are. */
export interface DatasourceSettings {
  dataDir: string;
  /** Absent: embedded SQLite in dataDir. */
  databaseUrl?: string;
  datasourceUrls: Record<string, string>;
}

/** The SQLite file of a datasource, or undefined when it lives on a database server. */
export function sqliteFileOf(name: string, settings: DatasourceSettings): string | undefined {
  const url = name === 'default' ? settings.databaseUrl : settings.datasourceUrls[name];
  return url ? undefined : embeddedSqliteFile(settings.dataDir);
}

/** Connects `default` and every datasource a module is bound to. */
export async function connectModelDatasources(model: AppModel, settings: DatasourceSettings): Promise<Map<string, Datasource>> {
  const names = new Set(['default', ...Object.values(model.modules).map((m) => m.datasource)]);
  const map = new Map<string, Datasource>();
  try {
    for (const name of names) {
      const url = name === 'default' ? settings.databaseUrl : settings.datasourceUrls[name];
      if (name !== 'default' && !url) throw new Error(`Datasource "${name}" is used by a module but DATASOURCE_${name.toUpperCase()}_URL is not set`);
      map.set(name, await connectDatasource({ name, url, sqliteFile: sqliteFileOf(name, settings) }));
    }
  } catch (e) {
    await closeDatasources(map);
    throw e;
  }
  return map;
}

export async function closeDatasources(datasources: Map<string, Datasource>): Promise<void> {
  await Promise.all([...datasources.values()].map((ds) => ds.close()));
}
