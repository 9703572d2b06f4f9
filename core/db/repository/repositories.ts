import type { AppModel } from '../../model/types.js';
import type { Datasource } from '../connect.js';
import { EntityRepository } from './entityRepository.js';

/** The repository of every entity, built once from the app model, and the datasource each entity lives in. */
export class Repositories {
  private readonly repos = new Map<string, EntityRepository>();

  constructor(
    readonly model: AppModel,
    readonly datasources: Map<string, Datasource>,
    countCap: number,
  ) {
    for (const entity of model.entities()) {
      this.repos.set(entity.key, new EntityRepository(entity, datasources.get(entity.datasource)!, model, countCap));
    }
  }

  repo(key: string): EntityRepository {
    const repo = this.repos.get(key);
    if (!repo) throw new Error(`Unknown entity "${key}"`);
    return repo;
  }

  datasourceOf(key: string): Datasource {
    return this.datasources.get(this.model.entity(key).datasource)!;
  }
}
