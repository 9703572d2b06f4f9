/**
 * The plugin API: what a module adds that its manifest cannot say. Plugins
 * import these types and `definePlugin` from `core/index.ts` only.
 */
import type { Readable } from 'node:stream';
import type { JSONSchemaType } from 'ajv';
import type { FileStore } from './fileStore.js';

/** A record as it travels on the wire: decimals as strings, dates as ISO strings. */
export type Row = Record<string, unknown> & { id?: number };

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  roles: string[];
}

export type SqlDialect = 'sqlite' | 'mysql' | 'oracle';

/** A piece of a WHERE clause with its `?` parameters, in order. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/** SQL building blocks that differ per dialect; values always go in as parameters. */
export interface SqlFragments {
  /** `YYYY-MM` of a date column expression. */
  monthOf(expr: string): string;
  /** `YYYY-MM-DD` of a date/datetime column expression. */
  dayOf(expr: string): string;
}

export interface EntityAccess {
  list(input?: {
    filter?: Record<string, unknown>;
    sort?: string;
    page?: number;
    pageSize?: number;
    search?: string;
  }): Promise<{ rows: Row[]; total: number; page: number; pageSize: number }>;
  get(id: number): Promise<Row>;
  create(data: Row): Promise<Row>;
  update(id: number, data: Row, version?: number): Promise<Row>;
  delete(id: number): Promise<void>;
  /** Takes a workflow transition, with the same checks, effects and history as `M.E.transition`. */
  transition(id: number, transition: string, options?: { comment?: string; input?: Row; version?: number }): Promise<Row>;
}

/** Database access for hooks, procedures and seeds; joins the caller's transaction when there is one. */
export interface DataAccess {
  readonly dialect: SqlDialect;
  /** Parameterised SQL: `?` placeholders, one scalar value each (the driver binds them; lists are refused). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Quoted table name of an entity (`name` in this module or `module.name`). */
  table(entity: string): string;
  /** Quoted column identifier of a declared field. */
  column(entity: string, field: string): string;
  /** Converts a stored decimal value (integer units) of a declared field to its wire string. */
  decimal(entity: string, field: string, stored: unknown): string;
  readonly sql: SqlFragments;
  /**
   * The rows of `entity` the context's user may read (its read grant and row
   * rules), as a condition on the table aliased `alias`: put `sql` in the
   * WHERE and its `params` among the query's, so plugin SQL (reports) never
   * counts rows the generated `list` would hide. `1 = 1` when every row is
   * readable, `1 = 0` when none is.
   */
  readScope(entity: string, alias: string): SqlCondition;
  /** Next value of a named counter, atomic across processes. */
  nextSequence(name: string): Promise<number>;
  /** CRUD through the same rules, hooks and audit as the generated API, as the context's user. */
  entity(name: string): EntityAccess;
}

export interface PluginContext {
  /** The signed-in user (or the system user for seeds and start-up work). */
  user: SessionUser;
  module: string;
  data: DataAccess;
  log: { info(msg: string, extra?: object): void; warn(msg: string, extra?: object): void };
}

export interface HookArgs {
  ctx: PluginContext;
}

export interface EntityHooks {
  /** May change `data` before it is validated against the declared fields and written. */
  beforeCreate?(args: HookArgs & { data: Row }): void | Promise<void>;
  afterCreate?(args: HookArgs & { record: Row }): void | Promise<void>;
  beforeUpdate?(args: HookArgs & { id: number; data: Row; previous: Row }): void | Promise<void>;
  afterUpdate?(args: HookArgs & { record: Row; previous: Row }): void | Promise<void>;
  beforeDelete?(args: HookArgs & { previous: Row }): void | Promise<void>;
  afterDelete?(args: HookArgs & { previous: Row }): void | Promise<void>;
  /** Before a workflow transition's effects are applied; throw to refuse it (nothing is written). */
  beforeTransition?(args: HookArgs & TransitionEvent): void | Promise<void>;
  /** After the transition is written, inside its transaction; throwing undoes all of it. */
  afterTransition?(args: HookArgs & TransitionEvent & { previous: Row }): void | Promise<void>;
}

/** A workflow transition as hooks and actions see it. */
export interface TransitionEvent {
  /** Before the transition for beforeTransition; after it for afterTransition and actions. */
  record: Row;
  transition: string;
  from: string;
  to: string;
  comment: string | null;
  /** The input fields the user filled in. */
  input: Row;
}

/** A named effect of a workflow transition (`effects.action`), run last inside the transaction. */
export type WorkflowAction = (args: HookArgs & TransitionEvent & { entity: string; previous: Row }) => void | Promise<void>;

/**
 * Computes one read-only field. For stored fields it runs on every save with
 * the full record (children included as arrays of rows); for the others, on read.
 */
export type ComputeFn = (record: Row, ctx: PluginContext) => unknown;

/** Who may call a plugin procedure; checked on the server before `resolve` runs. */
export type ProcedureAccess =
  | { entity: string; action: 'read' | 'create' | 'update' | 'delete' }
  | { roles: string[] };

export interface ProcedureDef<TInput = unknown, TOutput = unknown> {
  kind: 'query' | 'mutation';
  /** JSON Schema of the input; validated with ajv before `resolve`. */
  input: JSONSchemaType<TInput> | Record<string, unknown>;
  access: ProcedureAccess;
  resolve(args: { input: TInput; ctx: PluginContext }): Promise<TOutput> | TOutput;
}

/** A file a document generator produces. */
export interface GeneratedDocument {
  filename: string;
  contentType: string;
  body: Buffer | Readable;
}

/** The files attached to the record a document is made for (its read permission is already checked). */
export interface RecordFileReader {
  /** The bytes of a file or image field, or null when the field is empty. */
  read(field: string): Promise<{ name: string; contentType: string; data: Buffer } | null>;
  /** An image field as a PNG scaled to fit `maxPixels` (width and height), for embedding in PDFs; null when empty. */
  imagePng(field: string, maxPixels: number): Promise<Buffer | null>;
}

/**
 * A download generated from one record (a production sheet, a receipt),
 * served at GET /documents/<module>/<name>/<recordId> to users who may read the record.
 */
export interface DocumentDef {
  /** Entity of this module the document is made from. */
  entity: string;
  label: string;
  render(args: { ctx: PluginContext; record: Row; files: RecordFileReader }): Promise<GeneratedDocument> | GeneratedDocument;
}

export interface SeedContext extends PluginContext {
  /** True when the module's tables were empty before this seed ran. */
  readonly firstRun: boolean;
}

/** What a job receives as `ctx`: the module's context as the system user, plus where its data lives. */
export interface JobContext extends PluginContext {
  /** The platform's data folder (DATA_DIR). */
  dataDir: string;
  /** Maintenance of the module's database, carried out by the server. */
  database: JobDatabase;
  /** The file store, and every field of the app that holds files: what file housekeeping needs. */
  files: JobFiles;
}

export interface JobDatabase {
  /**
   * SQLite's online backup of the module's database into `folder` (inside
   * DATA_DIR), keeping the newest `retention` copies. Fails with a
   * ValidationError for a folder outside DATA_DIR or a database server.
   */
  backup(options: { folder: string; retention: number }): Promise<DatabaseBackup>;
}

export interface DatabaseBackup {
  /** Absolute path of the new copy. */
  file: string;
  bytes: number;
  /** Older copies removed by retention (absolute paths). */
  removed: string[];
}

export interface JobFiles {
  store: FileStore;
  /** Each stored file or image field of every entity (children included). */
  fields: readonly FileFieldRef[];
}

/** A column holding `platform.file` ids, with data access on its own module's database. */
export interface FileFieldRef {
  /** `module.entity` */
  entity: string;
  field: string;
  data: DataAccess;
}

export interface JobRunArgs<TParams> {
  ctx: JobContext;
  /** The schedule's params, already checked against the job's `params` schema. */
  params: TParams;
  /** This run: its id, the cron slot it stands for (or when "run now" was asked) and what triggered it. */
  run: { id: number; slot: Date; trigger: 'cron' | 'manual' };
  /** Appends a line to the run's output (shown live and kept, capped, with the run). */
  log(line: string): void;
  /** Reports progress: `fraction` from 0 to 1, with an optional message. */
  progress(fraction: number, message?: string): void;
  /** Aborted when the run times out or the server shuts down; a job should stop soon after. */
  signal: AbortSignal;
}

/**
 * A job schedules can run. It runs in a worker thread of its own, so a job
 * that throws or hangs never takes the server down. The thread holds no
 * database connection: `ctx.data` and `ctx.database` send each operation to
 * the server, which runs it on its own connections, so stopping the thread is
 * always safe.
 */
export interface JobDef<TParams = any> {
  label?: string;
  /** JSON Schema of the params; checked when a schedule is declared or saved, and before each run. */
  params?: JSONSchemaType<TParams> | Record<string, unknown>;
  /** May return a summary line, appended to the output. */
  run(args: JobRunArgs<TParams>): Promise<string | void> | string | void;
}

export interface PluginDefinition {
  /** Module name; matches `manifests/<module>.json` when there is one. */
  module: string;
  hooks?: Record<string, EntityHooks>;
  computed?: Record<string, Record<string, ComputeFn>>;
  /** Functions a manifest workflow names in `effects.action`. */
  workflowActions?: Record<string, WorkflowAction>;
  /** Extra tRPC procedures, served under `<module>.<name>`. */
  procedures?: Record<string, ProcedureDef<any, any>>;
  /** Jobs the module's schedules (manifest `schedules` or admin-made) can run. */
  jobs?: Record<string, JobDef<any>>;
  /** Generated downloads per record, by name. */
  documents?: Record<string, DocumentDef>;
  /** Demo data, run at start unless SEED=false. Must be idempotent. */
  seed?(ctx: SeedContext): Promise<void>;
  /** Runs once the server listens. */
  afterStart?(ctx: PluginContext): Promise<void> | void;
}

/** Declares a module's plugin; the identity function exists for its types. */
export function definePlugin(def: PluginDefinition): PluginDefinition {
  return def;
}

/** Declares one document generator. */
export function defineDocument(def: DocumentDef): DocumentDef {
  return def;
}

/** Declares one typed plugin procedure. */
export function defineProcedure<TInput, TOutput>(def: ProcedureDef<TInput, TOutput>): ProcedureDef<TInput, TOutput> {
  return def;
}

/** Declares one typed schedule job. */
export function defineJob<TParams = Record<string, unknown>>(def: JobDef<TParams>): JobDef<TParams> {
  return def;
}
