/**
 * Core's public API: the only thing plugins import.
 */
export { definePlugin, defineProcedure, defineJob, defineDocument } from './plugin/types.js';
export type {
  PluginDefinition,
  PluginContext,
  SeedContext,
  EntityHooks,
  HookArgs,
  TransitionEvent,
  WorkflowAction,
  ComputeFn,
  ProcedureDef,
  ProcedureAccess,
  JobDef,
  JobContext,
  JobDatabase,
  DatabaseBackup,
  JobRunArgs,
  DocumentDef,
  GeneratedDocument,
  RecordFileReader,
  DataAccess,
  EntityAccess,
  SqlFragments,
  SqlCondition,
  SqlDialect,
  SessionUser,
  Row,
} from './plugin/types.js';
export type * from './manifest/types.js';
export { AppError, ValidationError, NotFoundError, ConflictError, ForbiddenError, UnauthorizedError } from './errors/index.js';
export type { Issue } from './errors/index.js';
