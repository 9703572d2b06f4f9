import type { AppModel } from '../model/types.js';
import type { Datasource } from '../db/connect.js';
import { EntityRepository } from '../db/repository/entityRepository.js';
import { defineQueryModels } from '../db/repository/defineQueryModels.js';
import { ChangeFeed } from '../realtime/changeFeed.js';
import { EntityService } from './entityService.js';
import type { FileStore } from '../files/index.js';

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export interface DataLayerOptions {
  model: AppModel;
  datasources: Map<string, Datasource>;
  hashPassword(plain: string): Promise<string>;
  log: Logger;
  countCap: number;
  /** Where file and image fields keep their contents. */
  fileStore: FileStore;
  /** IANA zone of the business calendar (TIME_ZONE). */
  timeZone: string;
}

/** Repositories and services of every entity, built once from the app model. */
export class DataLayer {
  readonly model: AppModel;
  readonly datasources: Map<string, Datasource>;
  readonly changes = new ChangeFeed();
  readonly hashPassword: (plain: string) => Promise<string>;
  readonly log: Logger;
  readonly fileStore: FileStore;
  readonly timeZone: string;
  private readonly repos = new Map<string, EntityRepository>();
  private readonly services = new Map<string, EntityService>();

  constructor(options: DataLayerOptions) {
    this.model = options.model;
    this.datasources = options.datasources;
    this.hashPassword = options.hashPassword;
    this.log = options.log;
    this.fileStore = options.fileStore;
    this.timeZone = options.timeZone;
    const queryModels = defineQueryModels(options.model, options.datasources);
    for (const entity of options.model.entities()) {
      const repo = new EntityRepository(entity, options.datasources.get(entity.datasource)!, queryModels.get(entity.key)!, options.model, options.countCap);
      this.repos.set(entity.key, repo);
    }
    for (const entity of options.model.entities()) this.services.set(entity.key, new EntityService(entity, this));
  }

  repo(key: string): EntityRepository {
    const repo = this.repos.get(key);
    if (!repo) throw new Error(`Unknown entity "${key}"`);
    return repo;
  }

  service(key: string): EntityService {
    const service = this.services.get(key);
    if (!service) throw new Error(`Unknown entity "${key}"`);
    return service;
  }

  datasourceOf(key: string): Datasource {
    return this.datasources.get(this.model.entity(key).datasource)!;
  }
}
