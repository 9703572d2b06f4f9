/**
 * The app model from everything it is made of: core's own `platform` module
 * (manifest and plugin), the features' checks, and every module manifest and
 * plugin found in the project.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadManifests, ManifestError } from '../manifest/index.js';
import { discoverPlugins } from '../plugin/index.js';
import { checkPluginsAgainstManifests, compileAppModel } from '../model/compileAppModel.js';
import type { AppModel } from '../model/types.js';
import { createPlatformPlugin } from '../platform/platformPlugin.js';
import type { FeatureChecks } from '../model/featureChecks.js';
import { scheduleChecks } from '../scheduler/scheduleChecks.js';

const CORE_MANIFESTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'platform');
/** The features' checks of manifests; job threads build the model too, so these modules load no database layer. */
const FEATURE_CHECKS: readonly FeatureChecks[] = [scheduleChecks];
const MANIFEST_CHECKS = FEATURE_CHECKS.flatMap((f) => f.manifest ?? []);
const PLUGIN_CHECKS = FEATURE_CHECKS.flatMap((f) => f.plugin ?? []);

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
  const manifests = await loadManifests([CORE_MANIFESTS, manifestsDir], sources.root, MANIFEST_CHECKS);
  const discovered = await discoverPlugins(pluginsDir, sources.root);
  // The platform plugin checks roles and schedule jobs against the finished model, hence the late binding.
  let model: AppModel | undefined;
  const platform = {
    file: 'core/platform/platformPlugin.ts',
    plugin: createPlatformPlugin(
      () => model?.roles ?? [],
      (m) => model?.modules[m]?.jobs,
    ),
  };
  const plugins = [platform, ...discovered.found];
  const issues = [...manifests.issues, ...discovered.issues];
  // All problems at once: manifests, plugin files and plugins against manifests.
  if (issues.length) throw new ManifestError([...issues, ...checkPluginsAgainstManifests(manifests.loaded, plugins, PLUGIN_CHECKS)]);
  model = compileAppModel(manifests.loaded, plugins, PLUGIN_CHECKS);
  return model;
}
