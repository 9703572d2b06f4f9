/**
 * What a feature that is optional for a module (files, workflow) adds to the
 * rules of every entity. The service calls what the features registered and
 * imports none of them, so a feature depends on the service, never the reverse.
 */
import type { Transaction } from 'sequelize';
import type { EntityModel } from '../model/types.js';
import type { PluginFiles, PluginJobs, Row, SessionUser } from '../plugin/types.js';

/** A workflow transition asked for through DataAccess (`ctx.data.entity(e).transition`). */
export interface TransitionRequest {
  id: number;
  transition: string;
  comment?: string;
  input?: Row;
  version?: number;
}

export interface EntityExtension {
  /** Refuses values a new row may not be created with (`prefix` places an inline item: `itens.2.`), before defaults and hooks. */
  admitCreate?(entity: EntityModel, input: Row, prefix: string): void;
  /** Refuses values an update may not change on the stored row. */
  admitUpdate?(entity: EntityModel, input: Row, previous: Row, prefix: string): void;
  /** Checks, inside the write's transaction, values a write sends (`previous` is absent on create). */
  checkValues?(entity: EntityModel, user: SessionUser, data: Row, previous: Row | undefined, tx: Transaction, prefix: string): Promise<void>;
  /** Adds what the feature shows with rows read (in place). */
  decorateRows?(entity: EntityModel, rows: Row[], tx?: Transaction): Promise<void>;
  /** Takes a workflow transition in the caller's transaction (or a new one). */
  transition?(entity: EntityModel, user: SessionUser, request: TransitionRequest, tx?: Transaction): Promise<Row>;
  /** The plugin context's `ctx.files` for `user` in `module`, inside the caller's transaction when there is one. */
  pluginFiles?(module: string, user: SessionUser, tx?: Transaction): PluginFiles;
  /** `ctx.jobs` of a plugin context: starts and cancels record jobs, as `user`, joining `tx` when there is one. */
  jobs?(module: string, user: SessionUser, tx?: Transaction): PluginJobs;
}
