/**
 * `npx tsx core/cli/db-check.ts` (`npm run db:check`): compares every entity
 * mapped onto an existing table (`"managed": false`) with the table in its
 * datasource, as start-up does, and lists each difference. Creates and changes
 * nothing. Exit 1 on any difference.
 */
import { buildAppModel } from '../app/index.js';
import { loadConfig } from '../config/index.js';
import { closeDatasources, connectModelDatasources } from '../db/connectModelDatasources.js';
import { formatDifference, mappingDifferences } from '../db/migrations/index.js';
import { runAsScript } from './runAsScript.js';

export async function runDbCheck(
  _args: readonly string[],
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  dirs: { manifestsDir?: string; pluginsDir?: string } = {},
): Promise<number> {
  const config = loadConfig(env, root);
  const model = await buildAppModel({ root, ...dirs });
  const datasources = await connectModelDatasources(model, config, (m) => console.log(m));
  try {
    const differences = await mappingDifferences({ model, datasources, fallbacks: [] });
    for (const d of differences) console.error(`differs: ${formatDifference(d)}`);
    const mapped = model.entities().filter((e) => !e.managed);
    if (differences.length === 0) console.log(`ok  ${mapped.length} table(s) mapped with "managed": false match their declaration`);
    return differences.length === 0 ? 0 : 1;
  } finally {
    await closeDatasources(datasources);
  }
}

runAsScript(import.meta.url, runDbCheck);
