/**
 * What a part of the core that a module may or may not use (files, workflow,
 * documents, the scheduler) adds to the running server. It plugs in through
 * these points, with a lifecycle like a plugin's (install, afterStart), as a
 * module's plugin does through PluginDefinition: the layers below call what
 * the features registered and import none of them. What a feature checks of
 * manifests is its FeatureChecks (model/featureChecks.ts).
 */
import type { Router } from 'express';
import type { Config } from '../config/index.js';
import type { Logger } from './entityOperations.js';
import type { SessionService } from '../auth/sessions.js';
import type { FileStore } from '../plugin/fileStore.js';
import type { EntityExtensionFactory, EntityServices } from './entityServices.js';

export interface FeatureRouteParts {
  config: Config;
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

/** What a feature's lifecycle steps receive. */
export interface FeatureLifecycleParts {
  services: EntityServices;
  logger: Logger;
}

/** A feature that runs beside the server (a scheduler, say); stopped before the databases close. */
export interface RunningFeature {
  stop(): Promise<void>;
}

export interface CoreFeature {
  name: string;
  /** What the feature adds to the rules of every entity. */
  entityExtension?: EntityExtensionFactory;
  routes?: readonly FeatureRoutes[];
  /** Before the server takes requests (migrations and seeds done): brings the feature's own rows in line with the manifests. */
  install?(parts: FeatureLifecycleParts): Promise<void>;
  /** Once the server listens, as a plugin's afterStart; what it returns is stopped at shutdown. */
  afterStart?(parts: FeatureLifecycleParts): RunningFeature | undefined;
}
