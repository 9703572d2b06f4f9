/**
 * The service as its helpers and callers see it: reads and writes of one
 * entity, and what they run on. An interface, so the helpers the service
 * itself uses (plugin contexts, value checks) do not import the service.
 */
import type { Transaction } from 'sequelize';
import type { ModuleIntegrations } from '../integrations/index.js';
import type { SecretBox } from '../secrets/index.js';
import type { AppModel, EntityModel } from '../model/types.js';
import type { PluginFiles, Row, SessionUser } from '../plugin/types.js';
import type { Repositories } from '../db/repository/repositories.js';
import type { Filter } from '../db/repository/buildWhere.js';
import type { EntityExtension, TransitionRequest } from './entityExtension.js';

export interface ListInput {
  filter?: Filter;
  sort?: string;
  page?: number;
  pageSize?: number;
  search?: string;
}

export interface ListOutput {
  rows: Row[];
  total: number;
  totalExact: boolean;
  page: number;
  pageSize: number;
}

/** How a user may see one row: as its entity's `get` would answer (FORBIDDEN, NOT_FOUND or the row). */
export type Readability = 'readable' | 'forbidden' | 'missing';

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  /** Where the logger has a debug level (pino's does): integrations' per-request lines. */
  debug?(obj: object | string, msg?: string): void;
}

/** One entity's reads and writes, each with its rules, as the given user. */
export interface EntityOperations {
  readonly entity: EntityModel;
  list(user: SessionUser, input: ListInput, tx?: Transaction): Promise<ListOutput>;
  get(user: SessionUser, id: number, tx?: Transaction): Promise<Row>;
  create(user: SessionUser, data: Row, tx?: Transaction): Promise<Row>;
  update(user: SessionUser, id: number, data: Row, version: number | undefined, tx?: Transaction): Promise<Row>;
  delete(user: SessionUser, id: number, tx?: Transaction): Promise<void>;
  readability(user: SessionUser, id: number, tx?: Transaction): Promise<Readability>;
  /** The plain value of a secret field of a record `user` may read; null when none is set. */
  readSecret(user: SessionUser, id: number, field: string, tx?: Transaction): Promise<string | null>;
}

/** Every entity's operations and the repositories under them. */
export interface ModuleConfig {
  env: Readonly<Record<string, string>>;
  dataDir: string;
}

export interface ServiceContext {
  readonly repos: Repositories;
  readonly model: AppModel;
  /** Where plugin contexts log. */
  readonly log: Logger;
  /** IANA zone of the business calendar (TIME_ZONE): plugins' "today". */
  readonly timeZone: string;
  /** What plugin contexts' `settings` read: the modules' environment variables and DATA_DIR. */
  readonly moduleConfig: ModuleConfig;
  /** The plugins' outbound integration clients, one per declared integration in this process. */
  readonly integrations: ModuleIntegrations;
  /** Encrypts and decrypts secret fields. */
  readonly secrets: SecretBox;
  service(key: string): EntityOperations;
  /** What the features registered: `ctx.jobs` comes from one of them. */
  readonly extensions: readonly EntityExtension[];
  /** A workflow transition, taken by the feature that registered transitions. */
  transition(key: string, user: SessionUser, request: TransitionRequest, tx?: Transaction): Promise<Row>;
  /** The plugin context's `ctx.files`, from the feature that registered it. */
  pluginFiles(module: string, user: SessionUser, tx?: Transaction): PluginFiles;
}
