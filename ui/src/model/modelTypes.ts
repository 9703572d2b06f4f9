/**
 * The app model as `platform.model` returns it (core/api/describeModel.ts):
 * modules → entities → fields, list and form configuration, permissions and
 * the JSON Schemas of the generated procedures' inputs. The UI renders only this.
 */

export type FieldType =
  | 'string'
  | 'text'
  | 'email'
  | 'password'
  | 'integer'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'enum'
  | 'json'
  | 'relation'
  | 'children'
  | 'computed'
  | 'file'
  | 'image';

/** What a computed field returns. */
export type ComputedReturn = 'string' | 'integer' | 'decimal' | 'boolean' | 'date' | 'datetime';

export interface FieldDescription {
  name: string;
  type: FieldType;
  label: string;
  /** True when the field has a column of its own. */
  stored: boolean;
  /** `module.entity` a relation points to. */
  target?: string;
  /** Child entity key and its relation back to the parent (children fields). */
  child?: { entity: string; foreignKey: string };
  help?: string;
  required?: boolean;
  unique?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  min?: number;
  max?: number;
  /** Integer fields: `progress` shows a bar from min to max. */
  display?: 'progress';
  precision?: number;
  scale?: number;
  values?: string[];
  labels?: Record<string, string>;
  returns?: ComputedReturn;
  default?: unknown;
  /** File and image fields: largest upload in bytes and accepted MIME types. */
  maxSize?: number;
  accept?: string[];
}

export interface ListDescription {
  columns: string[];
  sort: string;
  search: string[];
  pageSize: number;
}

export interface FormSection {
  section: string;
  fields: string[];
}

export type EntityAction = 'read' | 'create' | 'update' | 'delete';

export type JsonSchema = Record<string, unknown>;

export interface EntityDescription {
  /** `module.entity` */
  key: string;
  label: string;
  labelPlural: string;
  display: string;
  icon: string | null;
  parent: { entity: string; foreignKey: string; field: string } | null;
  fields: FieldDescription[];
  list: ListDescription;
  form: FormSection[];
  can: Record<EntityAction, boolean>;
  /** Plugin documents generated per record (GET /documents/<module>/<name>/<id>). */
  documents: { name: string; label: string }[];
  schemas: { list: JsonSchema; create: JsonSchema; update: JsonSchema };
  /** Buttons on the detail page; each calls its mutation procedure with `{ id }`. */
  actions: RecordActionDescription[];
  /** Read-only panels on the detail page: records of another entity pointing to this one. */
  related: RelatedDescription[];
  /** The state machine over one enum field, when the entity has one. */
  workflow: WorkflowDescription | null;
}

export interface RecordActionDescription {
  name: string;
  label: string;
  /** Full procedure path, `<module>.<procedure>`. */
  procedure: string;
  /** Asked before the call when set. */
  confirm: string | null;
}

export interface RelatedDescription {
  /** `module.entity` of the related records. */
  entity: string;
  /** Their relation field pointing to this record. */
  field: string;
  label: string;
  pageSize: number;
}

export type StateColor = 'gray' | 'blue' | 'amber' | 'green' | 'red' | 'purple' | 'teal';

export interface WorkflowState {
  name: string;
  label: string;
  color: StateColor;
}

export interface WorkflowTransition {
  name: string;
  label: string;
  from: string[];
  to: string;
  /** null: whoever may update the record. */
  roles: string[] | null;
  /** Record fields the user fills in when taking it. */
  input: string[];
  comment: 'required' | 'optional' | 'none';
}

export interface WorkflowDescription {
  /** The enum field holding the state. */
  field: string;
  initial: string;
  states: WorkflowState[];
  transitions: WorkflowTransition[];
  /** Fields only transitions change: read-only in forms. */
  locked: string[];
}

export interface ProcedureDescription {
  name: string;
  kind: 'query' | 'mutation';
  input?: JsonSchema;
}

export interface ModuleDescription {
  name: string;
  label: string;
  version: string;
  description: string | null;
  menu: string[];
  entities: Record<string, EntityDescription>;
  procedures: ProcedureDescription[];
}

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  roles: string[];
}

export interface AppModelDescription {
  user: SessionUser;
  roles: string[];
  /** IANA zone of the business calendar (the server's TIME_ZONE): what "today" is. */
  timeZone: string;
  modules: ModuleDescription[];
}

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

export interface FileFacts {
  id: number;
  name: string;
  type: string;
  size: number;
  width: number | null;
  height: number | null;
  /** True when a thumbnail can be fetched with `?thumb=1`. */
  thumb: boolean;
}

export interface ListResult {
  rows: RecordRow[];
  total: number;
  totalExact: boolean;
  page: number;
  pageSize: number;
}
