/**
 * What a part of the core that a module may or may not use (files, workflow,
 * documents) adds to the running server. It plugs in through these points, as
 * a module's plugin does through PluginDefinition: the layers below call what
 * the features registered and import none of them. What a feature checks of
 * manifests is its FeatureChecks (model/featureChecks.ts).
 */
import type { Router } from 'express';
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
  /** What the feature adds to the rules of every entity. */
  entityExtension?: EntityExtensionFactory;
  routes?: readonly FeatureRoutes[];
}
