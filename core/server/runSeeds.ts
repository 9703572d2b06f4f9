import type { Logger } from 'pino';
import type { EntityServices } from '../service/entityServices.js';
import { SYSTEM_USER } from '../service/systemUser.js';
import { pluginContext } from '../service/pluginContext.js';
import { nextSequence } from '../db/stores/sequenceStore.js';

/**
 * Runs each plugin's demo seed once. A seed and its "done" marker commit in
 * one transaction, so a seed that fails half-way leaves nothing behind and runs again next start.
 */
export async function runSeeds(services: EntityServices, logger: Logger): Promise<void> {
  for (const mod of Object.values(services.model.modules)) {
    const seed = mod.plugin?.seed;
    if (!seed) continue;
    const ds = services.repos.datasources.get(mod.datasource)!;
    const started = performance.now();
    const ran = await ds.writeTransaction(async (tx) => {
      const runs = await nextSequence(services.repos, `seed:${mod.name}`, tx);
      const firstRun = runs === 1;
      if (firstRun) await seed.call(mod.plugin, { ...pluginContext(services, mod.name, SYSTEM_USER, tx), firstRun });
      return firstRun;
    });
    if (ran) logger.info({ module: mod.name, ms: Math.round(performance.now() - started) }, 'demo data loaded');
  }
}
