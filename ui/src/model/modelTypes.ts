/**
 * The app model as `platform.model` returns it, and the rows the generated
 * procedures answer with: the server's own types (type-only imports, nothing
 * of the server runs here). The UI renders only this.
 */
import type { EntityDescription, WorkflowDescription } from '../../../core/api/describeModel.js';
import type { JsonSchema } from '../../../core/api/entitySchemas.js';
import type { FileFacts } from '../../../core/files/recordFiles.js';
import type { SessionUser } from '../../../core/plugin/types.js';
import type { ListOutput } from '../../../core/service/entityService.js';

export type {
  AppModelDescription,
  EntityDescription,
  FieldDescription,
  ModuleDescription,
  ProcedureDescription,
  RecordActionDescription,
  RelatedDescription,
  WorkflowDescription,
} from '../../../core/api/describeModel.js';
export type { EntityAction } from '../../../core/manifest/types.js';
export type { JsonSchema, FileFacts, SessionUser };

export type FormSection = EntityDescription['form'][number];
export type WorkflowState = WorkflowDescription['states'][number];
export type WorkflowTransition = WorkflowDescription['transitions'][number];
export type ListDescription = EntityDescription['list'];

/** A row as the API returns it: declared fields, system columns and relation display texts. */
export interface RecordRow {
  id: number;
  version: number;
  created_at?: string;
  updated_at?: string;
  created_by?: number | null;
  updated_by?: number | null;
  _display?: Record<string, string | null>;
  /** Facts of the files in file and image fields. */
  _files?: Record<string, FileFacts | null>;
  [field: string]: unknown;
}

/** A page of `<module>.<entity>.list`. */
export type ListResult = Omit<ListOutput, 'rows'> & { rows: RecordRow[] };
