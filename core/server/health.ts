import { pingDatasource, type Datasource } from '../db/connect.js';
import { distinctDatasources } from '../db/connectModelDatasources.js';

export interface Health {
  status: 'ok' | 'degraded';
  uptimeSeconds: number;
  databases: Record<string, { status: 'ok' | 'down'; dialect: string; latencyMs?: number; error?: string }>;
}

/** API status plus one round trip per database (a datasource that fell back to the default shares its connection). */
export async function checkHealth(datasources: Map<string, Datasource>): Promise<Health> {
  const databases: Health['databases'] = {};
  await Promise.all(
    distinctDatasources(datasources).map(async (ds) => {
      const started = performance.now();
      try {
        await pingDatasource(ds);
        databases[ds.name] = { status: 'ok', dialect: ds.dialect, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
      } catch (e) {
        databases[ds.name] = { status: 'down', dialect: ds.dialect, error: (e as Error).message };
      }
    }),
  );
  const ok = Object.values(databases).every((d) => d.status === 'ok');
  return { status: ok ? 'ok' : 'degraded', uptimeSeconds: Math.round(process.uptime()), databases };
}
