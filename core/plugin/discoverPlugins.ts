import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PluginDefinition } from './types.js';
import { ManifestError } from '../manifest/issues.js';

export interface DiscoveredPlugin {
  file: string;
  plugin: PluginDefinition;
}

/** Imports `<dir>/<name>/index.ts` for every folder; core never names a plugin. */
export async function discoverPlugins(dir: string, root: string): Promise<DiscoveredPlugin[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const found: DiscoveredPlugin[] = [];
  for (const name of names.sort()) {
    const entry = await firstExisting([path.join(dir, name, 'index.ts'), path.join(dir, name, 'index.js')]);
    if (!entry) continue;
    const file = path.relative(root, entry);
    const mod = (await import(pathToFileURL(entry).href)) as { default?: PluginDefinition };
    const plugin = mod.default;
    if (!plugin || typeof plugin.module !== 'string') {
      throw new ManifestError([{ file, path: '', message: 'must default-export definePlugin({ module, ... })' }]);
    }
    if (plugin.module !== name) {
      throw new ManifestError([{ file, path: '/module', message: `plugin module "${plugin.module}" must match its folder "${name}"` }]);
    }
    found.push({ file, plugin });
  }
  return found;
}

async function firstExisting(candidates: string[]): Promise<string | undefined> {
  for (const c of candidates) {
    if (await stat(c).then((s) => s.isFile(), () => false)) return c;
  }
  return undefined;
}
