/**
 * Core's public API: the only thing plugins import, as `#core`.
 */
export { definePlugin, defineProcedure, defineJob, defineDocument, defineRoute, moduleApi, routeFile } from './plugin/types.js';
export type {
  PluginDefinition,
  PluginContext,
  SeedContext,
  EntityHooks,
  HookArgs,
  TransitionEvent,
  WorkflowAction,
  ComputeFn,
  ComputedFns,
  ProcedureDef,
  TypedProcedureDef,
  AnyProcedure,
  ProcedureInput,
  ProcedureOutput,
  ProcedureAccess,
  JobDef,
  AnyJob,
  JobContext,
  JobDatabase,
  DatabaseBackup,
  JobRunArgs,
  JobRunInfo,
  JobBackoff,
  JobOutcome,
  PluginJobs,
  JobRunView,
  JobStartOptions,
  DocumentDef,
  GeneratedDocument,
  RouteDef,
  AnyRoute,
  RouteFile,
  RouteMethod,
  RecordFileReader,
  PluginFiles,
  RecordFieldRef,
  OpenedRecordFile,
  DataAccess,
  EntityAccess,
  ListInput,
  EntityTypes,
  EntityTypeMap,
  EntityName,
  EntityRef,
  FieldOf,
  UntypedEntities,
  ModuleApi,
  SqlFragments,
  SqlCondition,
  SqlDialect,
  SessionUser,
  Row,
} from './plugin/types.js';
export type { ModuleSettings } from './plugin/moduleSettings.js';
export type { BusinessCalendar, LocalDateTimeProblem } from './time/index.js';
export { LOCAL_DATE_TIME_PATTERN } from './time/index.js';
export type { FileFacts } from './files/recordFiles.js';
export { resolveFileInside, unsafeNameProblem, type FileInside } from './files/fileInside.js';
export type * from './manifest/types.js';
export { AppError, ValidationError, NotFoundError, ConflictError, ForbiddenError, UnauthorizedError, IntegrationError } from './errors/index.js';
export type { IntegrationErrorKind } from './errors/index.js';
export type { Integration, IntegrationDef, IntegrationRequest, IntegrationDownload, IntegrationMethod, CircuitState } from './integrations/index.js';
export type { Issue } from './errors/index.js';
/** Exact decimal arithmetic on wire strings: `decimal.multiply(a, b, scale)`, `decimal.add([...], scale)`, … */
export * as decimal from './values/decimal.js';
/** Day arithmetic on `YYYY-MM-DD`: `isoDate.addDays`, `daysBetween`, `weekday`, `mondayOf`. Today's date is `ctx.calendar.today()`. */
export * as isoDate from './values/isoDate.js';
/** Durations as exact microseconds and `HH:MM:SS.ffffff` text. */
export * as duration from './values/duration.js';
/** Brazilian tax ids: `taxId.isValidTaxId(taxId.CNPJ, digits)`, `formatTaxId`, `withCheckDigits` (what the cnpj and cpf fields check). */
export * as taxId from './values/taxId.js';
/** Schemas for procedure inputs and job params: `Type.Object({ … })` gives both the JSON Schema and its TypeScript type. */
export { Type, type Static } from '@sinclair/typebox';
