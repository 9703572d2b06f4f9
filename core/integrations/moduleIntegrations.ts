import type { IntegrationDef, Integration, IntegrationLog } from './types.js';
import { HttpIntegration } from './httpIntegration.js';

/** What the integrations of one process are built from. */
export interface IntegrationSources {
  /** Each module's declared integrations (its plugin's `integrations`). */
  declared(module: string): Readonly<Record<string, IntegrationDef>> | undefined;
  /** The module's settings (its ModuleSettings): `get('ROBOT_URL')` reads RPA_ROBOT_URL. */
  settings(module: string): { get(name: string): string | undefined };
  log(module: string): IntegrationLog;
}

/**
 * The integration clients of one process, made on first use and kept, so each
 * integration has one circuit breaker however many contexts call it.
 */
export class ModuleIntegrations {
  private readonly clients = new Map<string, Integration>();

  constructor(private readonly sources: IntegrationSources) {}

  /** `ctx.integration(name)` of `module`; an undeclared name is a programming error. */
  get(module: string, name: string): Integration {
    const key = `${module}.${name}`;
    const known = this.clients.get(key);
    if (known) return known;
    const def = this.sources.declared(module)?.[name];
    if (!def) throw new Error(`Integration "${name}" is not declared by the ${module} plugin (definePlugin({ integrations }))`);
    const client = new HttpIntegration(name, def, this.target(module, name), this.sources.log(module));
    this.clients.set(key, client);
    return client;
  }

  private target(module: string, name: string) {
    const settings = this.sources.settings(module);
    const baseUrl = settings.get(`${name}_URL`);
    const token = settings.get(`${name}_TOKEN`);
    return { urlVariable: `${module}_${name}_URL`.toUpperCase(), ...(baseUrl ? { baseUrl } : {}), ...(token ? { token } : {}) };
  }
}
