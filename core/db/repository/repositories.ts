import type { AppModel } from '../../model/types.js';
import type { Transaction } from 'sequelize';
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

  /**
   * Bookkeeping rows of `recordKey` (audit, workflow history) kept in `bookKey`'s
   * table: in the record's transaction when both live in one database; else in a
   * transaction of their own on the book's database right after the record's
   * commits (a transaction cannot span two databases). Not awaited by that commit.
   */
  async writeBeside(
    recordKey: string,
    bookKey: string,
    tx: Transaction,
    work: (t: Transaction) => Promise<unknown>,
    onError: (e: unknown) => void,
  ): Promise<void> {
    const book = this.datasourceOf(bookKey);
    if (book === this.datasourceOf(recordKey)) {
      await work(tx);
      return;
    }
    tx.afterCommit(() => {
      book.writeTransaction(work).catch(onError);
    });
  }
}
