/**
 * A module's own configuration: the `<MODULE>_<NAME>` environment variables
 * (core's own variables are never among them), read when the plugin asks.
 */
export interface ModuleSettings {
  /** The platform's data folder (DATA_DIR), for a module's files of its own. */
  readonly dataDir: string;
  /** `get('STEP_DIR')` in module `laser` is LASER_STEP_DIR; undefined when unset or blank. */
  get(name: string): string | undefined;
}

export function moduleSettings(module: string, env: Readonly<Record<string, string>>, dataDir: string): ModuleSettings {
  const prefix = `${module.toUpperCase()}_`;
  return {
    dataDir,
    get: (name) => {
      const value = env[`${prefix}${name.toUpperCase()}`]?.trim();
      return value ? value : undefined;
    },
  };
}
