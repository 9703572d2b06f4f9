import type { Logger } from 'pino';
import type { Transaction } from 'sequelize';
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
    const markers = services.repos.datasources.get('default')!;
    const started = performance.now();
    const ran = await markers.writeTransaction(async (marked) => {
      const runs = await nextSequence(services.repos, `seed:${mod.name}`, marked);
      const firstRun = runs === 1;
      const run = (tx: Transaction) => seed.call(mod.plugin, { ...pluginContext(services, mod.name, SYSTEM_USER, tx), firstRun });
      // A module on a database of its own commits its seed just before the marker (seeds are idempotent, should that commit fail).
      if (firstRun) await (ds === markers ? run(marked) : ds.writeTransaction(run));
      return firstRun;
    });
    if (ran) logger.info({ module: mod.name, ms: Math.round(performance.now() - started) }, 'demo data loaded');
  }
}
