/**
 * What a feature contributes to building the app model: checks of the
 * manifest parts it reads and of a manifest against its module's plugin.
 * Job threads build the model too, so a feature's checks must not load its
 * runtime (database access, HTTP routes).
 */
import type { ManifestCheck, ManifestIssue, ModuleManifest } from '../manifest/index.js';
import type { PluginDefinition } from '../plugin/types.js';

export type PluginCheck = (file: string, manifest: ModuleManifest, plugin: PluginDefinition | undefined) => ManifestIssue[];

export interface FeatureChecks {
  manifest?: readonly ManifestCheck[];
  plugin?: readonly PluginCheck[];
}
