import type { Transaction } from 'sequelize';
import type { AppModel } from '../model/types.js';
import type { PluginFiles, Row, SessionUser } from '../plugin/types.js';
import type { FileStore } from '../plugin/fileStore.js';
import type { Repositories } from '../db/repository/repositories.js';
import { ChangeFeed } from './changeFeed.js';
import { EntityService, type ServiceDeps } from './entityService.js';
import type { EntityExtension, TransitionRequest } from './entityExtension.js';
import type { Logger, ModuleConfig } from './entityOperations.js';
import { ModuleIntegrations } from '../integrations/index.js';
import { moduleSettings } from '../plugin/moduleSettings.js';
import type { SecretBox } from '../secrets/index.js';

export type { Logger } from './entityOperations.js';

/** Builds a feature's extension once the services it may call exist. */
export type EntityExtensionFactory = (services: EntityServices) => EntityExtension;

export interface EntityServicesOptions {
  repos: Repositories;
  hashPassword(plain: string): Promise<string>;
  /** The key of secret fields; without one, writing or reading a secret fails. */
  secrets?: SecretBox;
  /** Where plugin contexts log. */
  log: Logger;
  /** IANA zone of the business calendar (TIME_ZONE): `now` defaults of date fields. */
  timeZone: string;
  /** The modules' environment variables and DATA_DIR, for plugin contexts' `settings`. */
  moduleConfig: ModuleConfig;
  /** Where file contents live (chooseFileStore): what `ctx.files` stores into and reads from. */
  fileStore: FileStore;
  /** What the features (files, workflow) add to every entity. */
  extensions?: readonly EntityExtensionFactory[];
}

/** The service of every entity: the rules each write and read passes, with what the features registered. */
export class EntityServices implements ServiceDeps {
  readonly repos: Repositories;
  readonly model: AppModel;
  /** Committed changes, for live updates and the scheduler. */
  readonly changes = new ChangeFeed();
  readonly hashPassword: (plain: string) => Promise<string>;
  readonly log: Logger;
  readonly timeZone: string;
  readonly moduleConfig: ModuleConfig;
  readonly fileStore: FileStore;
  readonly extensions: readonly EntityExtension[];
  readonly integrations: ModuleIntegrations;
  private readonly secretBox: SecretBox | undefined;
  private readonly services = new Map<string, EntityService>();

  constructor(options: EntityServicesOptions) {
    this.repos = options.repos;
    this.model = options.repos.model;
    this.hashPassword = options.hashPassword;
    this.log = options.log;
    this.timeZone = options.timeZone;
    this.moduleConfig = options.moduleConfig;
    this.fileStore = options.fileStore;
    this.secretBox = options.secrets;
    this.integrations = new ModuleIntegrations({
      declared: (module) => this.model.modules[module]?.plugin?.integrations,
      settings: (module) => moduleSettings(module, this.moduleConfig.env, this.moduleConfig.dataDir),
      log: (module) => ({ debug: (facts, msg) => this.log.debug?.({ module, ...facts }, msg), info: (facts, msg) => this.log.info({ module, ...facts }, msg) }),
    });
    for (const entity of this.model.entities()) this.services.set(entity.key, new EntityService(entity, this));
    this.extensions = (options.extensions ?? []).map((create) => create(this));
  }

  get secrets(): SecretBox {
    if (!this.secretBox) throw new Error('No secrets key was given to the entity services: secret fields cannot be written or read');
    return this.secretBox;
  }

  service(key: string): EntityService {
    const service = this.services.get(key);
    if (!service) throw new Error(`Unknown entity "${key}"`);
    return service;
  }

  /** A workflow transition, taken by the feature that registered transitions. */
  transition(key: string, user: SessionUser, request: TransitionRequest, tx?: Transaction): Promise<Row> {
    const entity = this.model.entity(key);
    const taker = this.extensions.find((e) => e.transition);
    if (!taker?.transition) throw new Error(`${entity.key} has no workflow`);
    return taker.transition(entity, user, request, tx);
  }

  /** The plugin context's `ctx.files`, from the feature that registered it; without one, every call is refused. */
  pluginFiles(module: string, user: SessionUser, tx?: Transaction): PluginFiles {
    const provider = this.extensions.find((e) => e.pluginFiles);
    if (provider?.pluginFiles) return provider.pluginFiles(module, user, tx);
    const refuse = () => Promise.reject(new Error('ctx.files is not available: the files feature is not installed'));
    return { attach: refuse, open: refuse };
  }
}
