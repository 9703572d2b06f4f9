import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadManifests } from '../manifest/index.js';
import { discoverPlugins } from '../plugin/index.js';
import { compileAppModel } from './compileAppModel.js';
import type { AppModel } from './types.js';

export type * from './types.js';
export { compileAppModel } from './compileAppModel.js';

const CORE_MANIFESTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'platform');

export interface ModelSources {
  /** Project root: holds `manifests/` and `plugins/`. */
  root: string;
  manifestsDir?: string;
  pluginsDir?: string;
}

/** Loads core's own manifest, every module manifest and every plugin, and compiles them. */
export async function buildAppModel(sources: ModelSources): Promise<AppModel> {
  const manifestsDir = sources.manifestsDir ?? path.join(sources.root, 'manifests');
  const pluginsDir = sources.pluginsDir ?? path.join(sources.root, 'plugins');
  const manifests = await loadManifests([CORE_MANIFESTS, manifestsDir], sources.root);
  const plugins = await discoverPlugins(pluginsDir, sources.root);
  return compileAppModel(manifests, plugins);
}
