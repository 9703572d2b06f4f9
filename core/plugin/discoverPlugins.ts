import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PluginDefinition } from './types.js';
import type { ManifestIssue } from '../manifest/issues.js';

export interface DiscoveredPlugin {
  file: string;
  plugin: PluginDefinition;
}

/** Imports `<dir>/<name>/index.ts` for every folder; core never names a plugin. Reports every bad plugin. */
export async function discoverPlugins(dir: string, root: string): Promise<{ found: DiscoveredPlugin[]; issues: ManifestIssue[] }> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const found: DiscoveredPlugin[] = [];
  const issues: ManifestIssue[] = [];
  for (const name of names.sort()) {
    const entry = await firstExisting([path.join(dir, name, 'index.ts'), path.join(dir, name, 'index.js')]);
    if (!entry) continue;
    const file = path.relative(root, entry);
    const mod = (await import(pathToFileURL(entry).href)) as { default?: PluginDefinition };
    const plugin = mod.default;
    if (!plugin || typeof plugin.module !== 'string') issues.push({ file, path: '', message: 'must default-export definePlugin({ module, ... })' });
    else if (plugin.module !== name) issues.push({ file, path: '/module', message: `plugin module "${plugin.module}" must match its folder "${name}"` });
    else found.push({ file, plugin });
  }
  return { found, issues };
}

async function firstExisting(candidates: string[]): Promise<string | undefined> {
  for (const c of candidates) {
    if (
      await stat(c).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return c;
  }
  return undefined;
}
