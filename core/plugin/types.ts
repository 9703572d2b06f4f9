/**
 * The plugin API: what a module adds that its manifest cannot say. Plugins
 * import it as `#core` (core/index.ts) only. Every type takes the module's
 * entity types (`EntityTypeMap`, written by `npm run types:generate` into
 * plugins/<module>/generated/model.ts) and defaults to untyped rows, so a
 * plugin without generated types still compiles.
 */
import type { Readable } from 'node:stream';
import type { JSONSchemaType } from 'ajv';
import type { Static, TSchema } from '@sinclair/typebox';
import type { FileStore } from './fileStore.js';
import type { BusinessCalendar } from '../time/index.js';
import type { ModuleSettings } from './moduleSettings.js';
import type { Integration, IntegrationDef } from '../integrations/index.js';

/** A record as it travels on the wire: decimals as strings, dates as ISO strings. */
export type Row = Record<string, unknown> & { id?: number };

/** A JSON Schema as core validates it with ajv (a TypeBox schema is one). */
export type JsonSchemaObject = Record<string, unknown>;

/** The wire types of one entity. */
export interface EntityTypes {
  /** A record as reads return it. */
  row: object;
  /** The data `create` accepts; `update` takes any part of it. */
  input: object;
  /** Names of its computed fields (`never` when it has none). */
  computed: string;
}

/** Entity name → its wire types: what a module's generated model.ts declares. */
export type EntityTypeMap = Record<string, EntityTypes>;

/** Any entity, untyped: what core itself sees. */
export interface UntypedEntity {
  row: Row;
  input: Row;
  computed: string;
}

/** A module without generated types: every entity name is allowed and rows are untyped. */
export type UntypedEntities = Record<string, UntypedEntity>;

export type EntityName<M extends EntityTypeMap> = Extract<keyof M, string>;

/** An entity of this module by name, or of any module as `module.entity`. */
export type EntityRef<M extends EntityTypeMap> = EntityName<M> | `${string}.${string}`;

/** The fields of an entity named `E`; any name for another module's entity. */
export type FieldOf<M extends EntityTypeMap, E extends string> = E extends EntityName<M> ? Extract<keyof M[E]['row'], string> : string;

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

/** `list`'s input: filters by field (a value, or operators such as `{ gte: … }`), `-field` sorts descending. */
export interface ListInput<R extends object = Row> {
  filter?: { [F in keyof R]?: unknown };
  sort?: string;
  page?: number;
  pageSize?: number;
  search?: string;
}

export interface EntityAccess<T extends EntityTypes = UntypedEntity> {
  list(input?: ListInput<T['row']>): Promise<{ rows: T['row'][]; total: number; page: number; pageSize: number }>;
  get(id: number): Promise<T['row']>;
  create(data: T['input']): Promise<T['row']>;
  update(id: number, data: Partial<T['input']>, version?: number): Promise<T['row']>;
  delete(id: number): Promise<void>;
  /** Takes a workflow transition, with the same checks, effects and history as `M.E.transition`. */
  transition(id: number, transition: string, options?: { comment?: string; input?: Partial<T['input']>; version?: number }): Promise<T['row']>;
  /** The plain value of a `secret` field (rows only say `true` where one is set); null when none is. The context's user must be able to read the record. */
  readSecret(id: number, field: Extract<keyof T['row'], string>): Promise<string | null>;
}

/** Database access for hooks, procedures and seeds; joins the caller's transaction when there is one. */
export interface DataAccess<M extends EntityTypeMap = UntypedEntities> {
  readonly dialect: SqlDialect;
  /** Parameterised SQL: `?` placeholders, one scalar value each (the driver binds them; lists are refused). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Quoted table name of an entity (`name` in this module or `module.name`). */
  table(entity: EntityRef<M>): string;
  /** Quoted column identifier of a declared field. */
  column<E extends EntityRef<M>>(entity: E, field: FieldOf<M, E>): string;
  /** Converts a stored decimal value (integer units) of a declared field to its wire string. */
  decimal<E extends EntityRef<M>>(entity: E, field: FieldOf<M, E>, stored: unknown): string;
  readonly sql: SqlFragments;
  /**
   * The rows of `entity` the context's user may read (its read grant and row
   * rules), as a condition on the table aliased `alias`: put `sql` in the
   * WHERE and its `params` among the query's, so plugin SQL (reports) never
   * counts rows the generated `list` would hide. `1 = 1` when every row is
   * readable, `1 = 0` when none is.
   */
  readScope(entity: EntityRef<M>, alias: string): SqlCondition;
  /** Next value of a named counter, atomic across processes. */
  nextSequence(name: string): Promise<number>;
  /** CRUD through the same rules, hooks and audit as the generated API, as the context's user. */
  entity<E extends EntityName<M>>(name: E): EntityAccess<M[E]>;
  /**
   * Runs `work` in one transaction of the module's database: every write it
   * makes through the `data` it receives commits together or not at all
   * (a throw undoes them). Inside a transaction already, it joins that one.
   */
  transaction<T>(work: (data: DataAccess<M>) => Promise<T>): Promise<T>;
}

export interface PluginContext<M extends EntityTypeMap = UntypedEntities> {
  /** The signed-in user (or the system user for seeds and start-up work). */
  user: SessionUser;
  module: string;
  data: DataAccess<M>;
  /** The business calendar (TIME_ZONE): `ctx.calendar.today()` is today where the business runs, not where the server does. */
  calendar: BusinessCalendar;
  /** The module's `<MODULE>_<NAME>` environment variables and the data folder. */
  settings: ModuleSettings;
  /** The client of an integration the plugin declares (`integrations`); base URL and token from `<MODULE>_<NAME>_URL` / `_TOKEN`. */
  integration(name: string): Integration;
  log: { info(msg: string, extra?: object): void; warn(msg: string, extra?: object): void };
  /** The files of records' file and image fields: attaching content from code, reading it back. */
  files: PluginFiles;
  /** Starts and cancels background runs of this module's record jobs. */
  jobs: PluginJobs;
  /** The HTTP request a procedure or route runs for; absent for seeds, jobs and start-up work. */
  request?: RequestFacts;
}

/** Where a file field of one record is: `entity` as in `ctx.data.entity` (a name of the module, or `module.entity`). */
export interface RecordFieldRef {
  entity: string;
  id: number;
  field: string;
}

export interface PluginFiles {
  /**
   * Stores `body` as the file of a record's file field: the same type, size and
   * name checks as an upload, the content hashed into the store, a
   * `platform.file` row, and the record's field set through the entity service
   * as `ctx.user` (permissions, audit, live update). Resolves with the updated row.
   */
  attach(file: RecordFieldRef & { name: string; type: string; body: Readable; version?: number }): Promise<Row>;
  /** The file in a record's field, streamed; null when the field is empty. NotFoundError when `ctx.user` may not read the record. */
  open(ref: RecordFieldRef): Promise<OpenedRecordFile | null>;
}

export interface OpenedRecordFile {
  name: string;
  contentType: string;
  size: number;
  body: Readable;
}

/** Who sent a request, as records of who did what keep it. */
export interface RequestFacts {
  /** The client's address (behind a proxy only with TRUST_PROXY). */
  ip: string | null;
  userAgent: string | null;
}

/** `ctx.jobs`: background runs of a module's jobs for one record (see JobDef.record). */
export interface PluginJobs {
  /**
   * Queues a run of `job` for the record `record` of the job's entity, as
   * ctx.user (who must be able to read the record). Inside a transaction the
   * run exists once it commits. Throws ValidationError/NotFoundError naming the field.
   */
  start(job: string, options: JobStartOptions): Promise<{ runId: number }>;
  /**
   * A waiting run ends `cancelled` at once; a running one is stopped (its
   * worker terminated) and ends `cancelled`. ctx.user must be able to update
   * the run's record (schedule runs: schedules); a finished run stays as it ended.
   */
  cancel(runId: number): Promise<void>;
  /** One run, schedule run or record run, when ctx.user may read its record (schedule runs: runs). */
  get(runId: number): Promise<JobRunView>;
  /** The runs of one record (`entity` of this module, or `module.entity`), newest first (at most 50). */
  list(record: { entity: string; id: number }): Promise<JobRunView[]>;
}

/** What `ctx.jobs.start` takes: the record, the params, and this run's own overrides of the job's defaults. */
export interface JobStartOptions {
  record: number;
  params?: Record<string, unknown>;
  timeoutSeconds?: number;
  maxAttempts?: number;
  backoff?: JobBackoff;
}

/** A run as plugins and screens see it. */
export interface JobRunView {
  id: number;
  module: string | null;
  job: string | null;
  schedule: number | null;
  record: { entity: string; id: number } | null;
  trigger: 'cron' | 'manual' | 'code';
  status: 'queued' | 'running' | 'retrying' | 'succeeded' | 'failed' | 'timed_out' | 'cancelled' | 'skipped';
  attempt: number;
  maxAttempts: number;
  nextAttemptAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  progress: number | null;
  progressMessage: string | null;
  output: string;
  error: string | null;
  triggeredBy: number | null;
  createdAt: string;
  /** Whether ctx.user may cancel it now. */
  canCancel: boolean;
}

export interface HookArgs<M extends EntityTypeMap = UntypedEntities> {
  ctx: PluginContext<M>;
}

export interface EntityHooks<T extends EntityTypes = UntypedEntity, M extends EntityTypeMap = UntypedEntities> {
  /** May change `data` before it is validated against the declared fields and written. */
  beforeCreate?(args: HookArgs<M> & { data: T['input'] }): void | Promise<void>;
  afterCreate?(args: HookArgs<M> & { record: T['row'] }): void | Promise<void>;
  beforeUpdate?(args: HookArgs<M> & { id: number; data: Partial<T['input']>; previous: T['row'] }): void | Promise<void>;
  afterUpdate?(args: HookArgs<M> & { record: T['row']; previous: T['row'] }): void | Promise<void>;
  beforeDelete?(args: HookArgs<M> & { previous: T['row'] }): void | Promise<void>;
  afterDelete?(args: HookArgs<M> & { previous: T['row'] }): void | Promise<void>;
  /** Before a workflow transition's effects are applied; throw to refuse it (nothing is written). */
  beforeTransition?(args: HookArgs<M> & TransitionEvent<T>): void | Promise<void>;
  /** After the transition is written, inside its transaction; throwing undoes all of it. */
  afterTransition?(args: HookArgs<M> & TransitionEvent<T> & { previous: T['row'] }): void | Promise<void>;
}

/** A workflow transition as hooks and actions see it. */
export interface TransitionEvent<T extends EntityTypes = UntypedEntity> {
  /** Before the transition for beforeTransition; after it for afterTransition and actions. */
  record: T['row'];
  transition: string;
  from: string;
  to: string;
  comment: string | null;
  /** The input fields the user filled in. */
  input: Partial<T['input']>;
}

/** A named effect of a workflow transition (`effects.action`), run last inside the transaction; any entity's workflow may name it. */
export type WorkflowAction<M extends EntityTypeMap = UntypedEntities> = (
  args: HookArgs<M> & TransitionEvent & { entity: string; previous: Row },
) => void | Promise<void>;

/**
 * Computes one read-only field. For stored fields it runs on every save with
 * the full record (children included as arrays of rows); for the others, on read.
 */
export type ComputeFn<R extends object = Row, V = unknown, M extends EntityTypeMap = UntypedEntities> = (record: R, ctx: PluginContext<M>) => V | Promise<V>;

/** The compute functions of one entity's computed fields, by field name. */
export type ComputedFns<T extends EntityTypes = UntypedEntity, M extends EntityTypeMap = UntypedEntities> = {
  [F in T['computed']]?: ComputeFn<T['row'], F extends keyof T['row'] ? T['row'][F] : unknown, M>;
};

/** Who may call a plugin procedure; checked on the server before `resolve` runs. */
export type ProcedureAccess = { entity: string; action: 'read' | 'create' | 'update' | 'delete' } | { roles: string[] };

export interface ProcedureDef<TInput = unknown, TOutput = unknown, M extends EntityTypeMap = UntypedEntities> {
  kind: 'query' | 'mutation';
  /** JSON Schema of the input (a TypeBox schema gives `TInput`); validated with ajv before `resolve`. No input arrives as `{}`. */
  input: JsonSchemaObject;
  access: ProcedureAccess;
  resolve(args: { input: TInput; ctx: PluginContext<M> }): Promise<TOutput> | TOutput;
}

/** Any procedure, whatever its input and output: how core and procedure maps hold them. */
export type AnyProcedure = ProcedureDef<unknown, unknown>;

/** What a procedure takes, for callers (the UI): `ProcedureInput<typeof procedures.relatorio_semanal>`. */
export type ProcedureInput<P> = P extends ProcedureDef<infer I, unknown> ? I : never;

/** What a procedure answers, as JSON carries it to callers. */
export type ProcedureOutput<P> = P extends ProcedureDef<never, infer O> ? Awaited<O> : never;

export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A download a route answers with instead of JSON: made with `routeFile` (#core). */
export interface RouteFile extends GeneratedDocument {
  /** Default 200. */
  status?: number;
  /** Bytes, when known (sent as Content-Length). */
  size?: number;
  /** Default `attachment`. */
  disposition?: 'attachment' | 'inline';
  readonly [ROUTE_FILE]: true;
}

export const ROUTE_FILE: unique symbol = Symbol('forja.routeFile');

/** Marks what a route's `resolve` returns as a file download. */
export function routeFile(file: Omit<RouteFile, typeof ROUTE_FILE>): RouteFile {
  return { ...file, [ROUTE_FILE]: true };
}

export function isRouteFile(value: unknown): value is RouteFile {
  return typeof value === 'object' && value !== null && ROUTE_FILE in value;
}

/**
 * An HTTP endpoint of a module, for clients that cannot speak tRPC (a legacy
 * frontend, a machine). Served at `/api/<module><path>` (or `/api<path>` with
 * `mount: 'api'`), behind the same authentication, `access` check, input
 * validation and error mapping as procedures.
 */
export interface RouteDef<TInput = unknown, TOutput = unknown, M extends EntityTypeMap = UntypedEntities> {
  method: RouteMethod;
  /** Express-style, lower-case segments and `:param`s: `/apontamento/list/:of_id`. */
  path: string;
  /**
   * `module` (default): under `/api/<module>`. `api`: directly under `/api`,
   * for paths an existing client already calls; refused when its first
   * segment is a module's name or another route has the same method and path.
   */
  mount?: 'module' | 'api';
  /** Status of a JSON answer; default 200. */
  status?: number;
  access: ProcedureAccess;
  /**
   * JSON Schema of the path params, query string and JSON body merged into one
   * object (a key may come from only one of them). Params and query values are
   * text: they are read as numbers or booleans where the schema's property says so.
   */
  input: JsonSchemaObject;
  /**
   * `json` (default): a JSON body, merged into the input. `stream`: the body is
   * raw bytes (a file), handed to `resolve` unread as `body`; the input is then
   * the path params and query string only.
   */
  body?: 'json' | 'stream';
  resolve(args: { input: TInput; ctx: PluginContext<M>; body?: Readable }): Promise<TOutput | RouteFile> | TOutput | RouteFile;
}

/** Any route, whatever its input and output: how core and route maps hold them. */
export type AnyRoute = RouteDef<unknown, unknown>;

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
export interface DocumentDef<M extends EntityTypeMap = UntypedEntities, E extends EntityName<M> = EntityName<M>> {
  /** Entity of this module the document is made from. */
  entity: E;
  label: string;
  render(args: { ctx: PluginContext<M>; record: M[E]['row']; files: RecordFileReader }): Promise<GeneratedDocument> | GeneratedDocument;
}

export interface SeedContext<M extends EntityTypeMap = UntypedEntities> extends PluginContext<M> {
  /** True when the module's tables were empty before this seed ran. */
  readonly firstRun: boolean;
}

/** What a job receives as `ctx`: the module's context as the system user, plus where its data lives. */
export interface JobContext<M extends EntityTypeMap = UntypedEntities> extends PluginContext<M> {
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

export interface JobFiles extends PluginFiles {
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

export interface JobRunArgs<TParams, M extends EntityTypeMap = UntypedEntities> {
  ctx: JobContext<M>;
  /** The schedule's params, already checked against the job's `params` schema. */
  params: TParams;
  /** This run: its id, the cron slot it stands for (or when it was queued), what triggered it, and for record jobs the record and attempt. */
  run: JobRunInfo;
  /** Appends a line to the run's output (shown live and kept, capped, with the run). */
  log(line: string): void;
  /** Reports progress: `fraction` from 0 to 1, with an optional message. */
  progress(fraction: number, message?: string): void;
  /** Aborted when the run times out or the server shuts down; a job should stop soon after. */
  signal: AbortSignal;
}

/** Which run a job is in. `trigger` is `code` for runs started with `ctx.jobs.start`. */
export interface JobRunInfo {
  id: number;
  slot: Date;
  trigger: 'cron' | 'manual' | 'code';
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
  /** The record a record job runs for (`module.entity`); undefined for schedule runs. */
  record: { entity: string; id: number } | undefined;
}

/** How long a record job waits before attempt n+1: `delayMs * factor^(n-1)`, at most `maxDelayMs`, with jitter. */
export interface JobBackoff {
  /** Default 10 000. */
  delayMs?: number;
  /** Default 2. */
  factor?: number;
  /** Default 600 000. */
  maxDelayMs?: number;
}

/** How an attempt of a record job ended; `retrying` = another attempt waits until `nextAttemptAt`. */
export interface JobOutcome {
  status: 'succeeded' | 'retrying' | 'failed' | 'timed_out' | 'cancelled';
  error?: string;
  summary?: string;
  nextAttemptAt?: Date;
}

/**
 * A job schedules can run. It runs in a worker thread of its own, so a job
 * that throws or hangs never takes the server down. The thread holds no
 * database connection: `ctx.data` and `ctx.database` send each operation to
 * the server, which runs it on its own connections, so stopping the thread is
 * always safe.
 */
export interface JobDef<TParams = unknown, M extends EntityTypeMap = UntypedEntities> {
  label?: string;
  /** JSON Schema of the params (a TypeBox schema gives `TParams`); checked when a schedule is declared or saved, and before each run. */
  params?: JSONSchemaType<TParams> | JsonSchemaObject;
  /** The entity of this module a record job runs for: such a job is started with `ctx.jobs.start(name, { record: id })`. */
  record?: EntityName<M>;
  /** Per attempt of a record job (default 600); schedules carry their own. */
  timeoutSeconds?: number;
  /** Attempts of a record job before it ends failed (default 1). */
  maxAttempts?: number;
  backoff?: JobBackoff;
  /** May return a summary line, appended to the output. */
  // biome-ignore lint/suspicious/noConfusingVoidType: void lets a job be a plain (async) function that returns nothing.
  run(args: JobRunArgs<TParams, M>): Promise<string | void> | string | void;
  /** On the server, as the system user, after each attempt of a record job ended (its run row already written). */
  onOutcome?(args: { ctx: PluginContext<M>; run: JobRunInfo; params: TParams; outcome: JobOutcome }): Promise<void> | void;
}

/** Any job, whatever its params: how core holds them. */
export type AnyJob = JobDef<unknown>;

export interface PluginDefinition<M extends EntityTypeMap = UntypedEntities> {
  /** Module name; matches `manifests/<module>.json` when there is one. */
  module: string;
  hooks?: { [E in EntityName<M>]?: EntityHooks<M[E], M> };
  computed?: { [E in EntityName<M>]?: ComputedFns<M[E], M> };
  /** Functions a manifest workflow names in `effects.action`. */
  workflowActions?: Record<string, WorkflowAction<M>>;
  /** Extra tRPC procedures, served under `<module>.<name>`. */
  procedures?: Readonly<Record<string, AnyProcedure>>;
  /** Jobs the module's schedules (manifest `schedules` or admin-made) can run. */
  jobs?: Readonly<Record<string, AnyJob>>;
  /** Generated downloads per record, by name (each declared with `defineDocument`). */
  documents?: Readonly<Record<string, DocumentDef>>;
  /** HTTP endpoints by name (each declared with `defineRoute`), under `/api/<module>`. */
  routes?: Readonly<Record<string, AnyRoute>>;
  /** External HTTP services the plugin calls, by name: `ctx.integration(name)`. */
  integrations?: Readonly<Record<string, IntegrationDef>>;
  /** Demo data, run at start unless SEED=false. Must be idempotent. */
  seed?(ctx: SeedContext<M>): Promise<void>;
  /** Runs once the server listens. */
  afterStart?(ctx: PluginContext<M>): Promise<void> | void;
}

/** A procedure whose input type comes from its TypeBox schema and whose output type comes from `resolve`. */
export interface TypedProcedureDef<S extends TSchema, TOutput, M extends EntityTypeMap> extends ProcedureDef<Static<S>, TOutput, M> {
  input: S;
}

/** A route whose input type comes from its TypeBox schema. */
export interface TypedRouteDef<S extends TSchema, TOutput, M extends EntityTypeMap> extends RouteDef<Static<S>, TOutput, M> {
  input: S;
}

/** The definition helpers of one module, typed by its entities: `moduleApi<Entities>()` in its generated model.ts. */
export interface ModuleApi<M extends EntityTypeMap> {
  /** Declares the module's plugin. */
  definePlugin(def: PluginDefinition<M>): PluginDefinition;
  /** Declares one procedure: `input` is a TypeBox schema, which gives `resolve` its input type. */
  defineProcedure<S extends TSchema, TOutput>(def: TypedProcedureDef<S, TOutput, M>): ProcedureDef<Static<S>, TOutput>;
  /** Declares one job; params typed by a TypeBox schema ... */
  defineJob<S extends TSchema>(def: JobDef<Static<S>, M> & { params: S }): JobDef<Static<S>>;
  /** ... or by an explicit type (and an ajv JSONSchemaType or plain JSON Schema). */
  defineJob<TParams = Record<string, unknown>>(def: JobDef<TParams, M>): JobDef<TParams>;
  /** Declares one document generator, its `record` typed by its entity. */
  defineDocument<E extends EntityName<M>>(def: DocumentDef<M, E>): DocumentDef;
  /** Declares one HTTP route: `input` is a TypeBox schema over params + query + body, which gives `resolve` its input type. */
  defineRoute<S extends TSchema, TOutput>(def: TypedRouteDef<S, TOutput, M>): RouteDef<Static<S>, TOutput>;
}

/**
 * The definition helpers typed by a module's entities. Core runs every
 * definition with untyped rows; these types are the manifest's description of
 * those same rows (generated from it and checked for drift by `npm test`), so
 * handing a typed definition to core is where they are trusted, once.
 */
export function moduleApi<M extends EntityTypeMap>(): ModuleApi<M> {
  const asCore = <T>(def: object) => def as T;
  return {
    definePlugin: (def) => asCore<PluginDefinition>(def),
    defineProcedure: (def) => asCore(def),
    defineJob: (def: object) => asCore<AnyJob>(def),
    defineDocument: (def) => asCore<DocumentDef>(def),
    defineRoute: (def) => asCore(def),
  };
}

const untyped = moduleApi<UntypedEntities>();

/** Declares a module's plugin with untyped rows; a module with generated types uses its model.ts's `definePlugin`. */
export const definePlugin = untyped.definePlugin;
/** Declares one document generator. */
export const defineDocument = untyped.defineDocument;
/** Declares one typed plugin procedure. */
export const defineProcedure = untyped.defineProcedure;
/** Declares one typed schedule job. */
export const defineJob = untyped.defineJob;
/** Declares one typed HTTP route. */
export const defineRoute = untyped.defineRoute;
