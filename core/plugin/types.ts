/**
 * The plugin API: what a module adds that its manifest cannot say. Plugins
 * import these types and `definePlugin` from `core/index.ts` only.
 */
import type { JSONSchemaType } from 'ajv';

/** A record as it travels on the wire: decimals as strings, dates as ISO strings. */
export type Row = Record<string, unknown> & { id?: number };

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  roles: string[];
}

export type SqlDialect = 'sqlite' | 'mysql' | 'oracle';

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
  /** Parameterised SQL; use `?` placeholders. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Quoted table name of an entity (`name` in this module or `module.name`). */
  table(entity: string): string;
  /** Quoted column identifier of a declared field. */
  column(entity: string, field: string): string;
  /** Converts a stored decimal value (integer units) of a declared field to its wire string. */
  decimal(entity: string, field: string, stored: unknown): string;
  readonly sql: SqlFragments;
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

export interface SeedContext extends PluginContext {
  /** True when the module's tables were empty before this seed ran. */
  readonly firstRun: boolean;
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
  /** Demo data, run at start unless SEED=false. Must be idempotent. */
  seed?(ctx: SeedContext): Promise<void>;
  /** Runs once the server listens. */
  afterStart?(ctx: PluginContext): Promise<void> | void;
}

/** Declares a module's plugin; the identity function exists for its types. */
export function definePlugin(def: PluginDefinition): PluginDefinition {
  return def;
}

/** Declares one typed plugin procedure. */
export function defineProcedure<TInput, TOutput>(def: ProcedureDef<TInput, TOutput>): ProcedureDef<TInput, TOutput> {
  return def;
}
