/**
 * `npx tsx core/cli/db-check.ts` (`npm run db:check`): compares every entity
 * mapped onto an existing table (`"managed": false`) with the table in its
 * datasource, as start-up does, and lists each difference. Creates and changes
 * nothing. Exit 1 on any difference.
 */
import { formatDifference, mappingDifferences } from '../db/migrations/index.js';
import { withModelDatasources } from './modelDatasources.js';
import { runAsScript } from './runAsScript.js';

export function runDbCheck(
  _args: readonly string[],
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  dirs: { manifestsDir?: string; pluginsDir?: string } = {},
): Promise<number> {
  return withModelDatasources(root, env, dirs, async ({ model, datasources }) => {
    const differences = await mappingDifferences({ model, datasources, fallbacks: [] });
    for (const d of differences) console.error(`differs: ${formatDifference(d)}`);
    const mapped = model.entities().filter((e) => !e.managed);
    if (differences.length === 0) console.log(`ok  ${mapped.length} table(s) mapped with "managed": false match their declaration`);
    return differences.length === 0 ? 0 : 1;
  });
}

runAsScript(import.meta.url, runDbCheck);
