import { ModuleIntegrations } from '../../integrations/index.js';
import type { AppModel } from '../../model/types.js';
import { moduleSettings } from '../../plugin/moduleSettings.js';
import type { WorkerSettings } from '../workerMessages.js';

/**
 * A job's integrations, built in its worker from the module's environment as
 * the server builds its own. Their circuit breakers live as long as the run;
 * retries and failures go to the run's log, per-request lines nowhere.
 */
export function workerIntegrations(model: AppModel, settings: WorkerSettings, log: (line: string) => void): ModuleIntegrations {
  return new ModuleIntegrations({
    declared: (module) => model.modules[module]?.plugin?.integrations,
    settings: (module) => moduleSettings(module, settings.moduleEnv, settings.dataDir),
    log: () => ({ debug: () => {}, info: (_facts, msg) => log(msg) }),
  });
}
