/**
 * A part of the core that a module may or may not use (files, workflow, the
 * scheduler, documents). It plugs in through these points, as a module's
 * plugin does through PluginDefinition: the layers below call what the
 * features registered and import none of them.
 */
import type { Router } from 'express';
import type { ManifestCheck } from '../manifest/index.js';
import type { PluginCheck } from '../model/compileAppModel.js';
import type { SessionService } from '../auth/sessions.js';
import type { FileStore } from '../plugin/fileStore.js';
import type { EntityExtensionFactory, EntityServices } from './entityServices.js';

export interface FeatureRouteParts {
  services: EntityServices;
  fileStore: FileStore;
  sessions: SessionService;
}

export interface FeatureRoutes {
  /** Where the router is mounted, e.g. `/files`. */
  path: string;
  /** True for routes that stream the raw request body (uploads): mounted before the JSON body parser. */
  rawBody?: boolean;
  build(parts: FeatureRouteParts): Router;
}

export interface CoreFeature {
  name: string;
  /** Checks of the manifest parts the feature reads. */
  manifestChecks?: readonly ManifestCheck[];
  /** Checks of a manifest against its module's plugin. */
  pluginChecks?: readonly PluginCheck[];
  /** What the feature adds to the rules of every entity. */
  entityExtension?: EntityExtensionFactory;
  routes?: readonly FeatureRoutes[];
}
