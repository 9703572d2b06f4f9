/**
 * CSV import of one entity's records. Mode: **valid rows only, each row
 * atomic**. Every row is one create (or, matched on a unique key, one update)
 * through the entity service as the importing user — validation, permissions
 * and row rules, plugin hooks, audit and live updates as for a form — in its
 * own transaction: a row that fails anywhere (even inside an after-hook) leaves
 * nothing behind and is reported; the other rows go on. The preview runs the
 * same reading and input checks without writing, so it lists beforehand the
 * rows the import will skip; what only a write can tell (plugin hooks, row
 * rules) shows in the import's report.
 */
import type { EntityModel } from '../model/types.js';
import type { Row, SessionUser } from '../plugin/types.js';
import type { EntityServices } from '../service/entityServices.js';
import { AppError, ForbiddenError, ValidationError, type Issue } from '../errors/index.js';
import { decideAccess } from '../auth/permissions.js';
import { compileInputParser } from '../input/validateInput.js';
import { createInputSchema, updateInputSchema } from '../api/entitySchemas.js';
import { isWriteOnlyText, type CsvReadFormat } from '../fields/index.js';
import { uniqueKeys, type UniqueKey } from '../db/schema/tableSpec.js';
import type { CsvFile } from './csvFile.js';
import { autoMapping, checkKeyMapped, checkMapping, importableFields, matchKey, type ColumnMapping } from './columnMapping.js';
import { RowReader, type RowIssue } from './rowValues.js';

export interface ImportOptions {
  /** Column index → field name or null; absent: matched by name or label. */
  columns?: (string | null)[];
  /** Fields of a unique key: a row whose key matches a record updates it instead of creating one. */
  match?: string[];
  /** `1.234,56` (pt-BR) or `1,234.56`; absent: pt-BR for `;` files. */
  decimalComma?: boolean;
}

export interface ImportPlan {
  entity: EntityModel;
  file: CsvFile;
  mapping: ColumnMapping;
  key?: readonly string[];
  format: CsvReadFormat;
}

/** A row as the import would write it. */
export interface PreparedRow {
  row: number;
  action: 'create' | 'update';
  /** The record a matched row updates. */
  id?: number;
  data: Row;
  display: Record<string, string>;
  issues: RowIssue[];
}

/** Rows shown in a preview. */
const SAMPLE_ROWS = 20;
/** Errors listed in a preview or report beyond which only their count is given. */
const MAX_LISTED_ERRORS = 20_000;
/** Shown instead of a secret field's value. */
export const HIDDEN = '••••••';

export function planImport(services: EntityServices, user: SessionUser, entity: EntityModel, file: CsvFile, options: ImportOptions): ImportPlan {
  if (!entity.importable) throw new ForbiddenError(`CSV import is turned off for ${entity.labelPlural} ("import": false in the manifest)`);
  if (!decideAccess(entity, 'create', user).allowed) throw new ForbiddenError(`No permission to create ${entity.labelPlural}, so none can be imported`);
  const mapping = options.columns ? checkMapping(entity, file.headers, options.columns) : autoMapping(entity, file.headers);
  const key = options.match ? matchKey(entity, options.match) : undefined;
  if (key) {
    checkKeyMapped(key, mapping);
    if (!decideAccess(entity, 'update', user).allowed)
      throw new ForbiddenError(`No permission to update ${entity.labelPlural}, so rows cannot be matched to them`);
  }
  return {
    entity,
    file,
    mapping,
    ...(key ? { key } : {}),
    format: { decimalComma: options.decimalComma ?? file.delimiter === ';', timeZone: services.timeZone },
  };
}

/** Reads rows into the create/update each will be, with every problem found without writing. */
class RowPreparer {
  private readonly reader: RowReader;
  private readonly parseCreate: (input: unknown) => unknown;
  private readonly parseUpdate: (input: unknown) => unknown;

  constructor(
    private readonly services: EntityServices,
    private readonly user: SessionUser,
    private readonly plan: ImportPlan,
  ) {
    this.reader = new RowReader(services, plan.entity, user, plan.mapping, plan.format);
    this.parseCreate = compileInputParser(createInputSchema(plan.entity, services.model));
    this.parseUpdate = compileInputParser(updateInputSchema(plan.entity, services.model));
  }

  async prepare(row: number, cells: readonly string[]): Promise<PreparedRow> {
    const read = await this.reader.read(row, cells, 'clear');
    const id = read.issues.length ? undefined : await this.matchedId(read.data);
    const data = id === undefined ? withoutEmpty(read.data) : read.data;
    const prepared: PreparedRow = {
      row,
      action: id === undefined ? 'create' : 'update',
      ...(id === undefined ? {} : { id }),
      data,
      display: read.display,
      issues: read.issues,
    };
    if (prepared.issues.length === 0) {
      try {
        if (id === undefined) this.parseCreate({ data });
        else this.parseUpdate({ id, data });
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        prepared.issues.push(...rowIssues(row, e));
      }
    }
    return prepared;
  }

  /** The readable record whose key the row repeats; none when the row leaves a key field empty (NULL never matches). */
  private async matchedId(data: Row): Promise<number | undefined> {
    const key = this.plan.key;
    if (!key || key.some((f) => data[f] === null || data[f] === undefined)) return undefined;
    const filter = Object.fromEntries(key.map((f) => [f, data[f]])) as Record<string, string>;
    const { rows } = await this.services.service(this.plan.entity.key).list(this.user, { filter, pageSize: 1 });
    return rows[0]?.id as number | undefined;
  }
}

function withoutEmpty(data: Row): Row {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null));
}

/** An error of the service or the input checks as one issue per field (`data.cnpj` → `cnpj`). */
function rowIssues(row: number, e: AppError): RowIssue[] {
  const issues: Issue[] = e.issues.length ? e.issues : [{ path: '', message: e.message }];
  return issues.map((i) => {
    const field = /^data\.([a-z][a-z0-9_]*)/.exec(i.path)?.[1] ?? null;
    return { row, field, message: i.message };
  });
}

/** Duplicates the preview finds without writing: a unique key repeated in the file, or already held by another record. */
class DuplicateCheck {
  private readonly seen = new Map<string, number>();
  private readonly keys: UniqueKey[];

  constructor(
    private readonly services: EntityServices,
    private readonly plan: ImportPlan,
  ) {
    const mapped = new Set(plan.mapping.filter((f): f is string => f !== null));
    this.keys = uniqueKeys(plan.entity).filter((k) => k.fields.every((f) => mapped.has(f)));
  }

  async check(prepared: PreparedRow): Promise<void> {
    for (const key of this.keys) {
      const values = key.fields.map((f) => prepared.data[f]);
      if (values.some((v) => v === null || v === undefined)) continue;
      const text = `${key.name}\u0000${JSON.stringify(values)}`;
      const first = this.seen.get(text);
      const matchedKey = this.plan.key && sameFields(this.plan.key, key.fields);
      if (first !== undefined && !matchedKey) this.add(prepared, key, `repeats row ${first} of the file`);
      else if (first === undefined) this.seen.set(text, prepared.row);
      if (first !== undefined || matchedKey) continue;
      const filter = Object.fromEntries(key.fields.map((f, i) => [f, values[i]]));
      const ids = await this.services.repos.repo(this.plan.entity.key).idsWhere(filter, 2);
      if (ids.some((id) => id !== prepared.id)) this.add(prepared, key, 'already exists');
    }
  }

  private add(prepared: PreparedRow, key: UniqueKey, what: string): void {
    const labels = key.fields.map((f) => this.plan.entity.fields[f]!.label);
    const message = key.fields.length === 1 ? what : `the combination of ${labels.join(', ')} ${what}`;
    for (const field of key.fields) prepared.issues.push({ row: prepared.row, field, message });
  }
}

function sameFields(a: readonly string[], b: readonly string[]): boolean {
  return [...a].sort().join(',') === [...b].sort().join(',');
}

export interface ImportCounts {
  rows: number;
  created: number;
  updated: number;
  skipped: number;
}

export interface ImportPreview extends ImportCounts {
  encoding: string;
  delimiter: string;
  decimalComma: boolean;
  headers: string[];
  columns: ColumnMapping;
  /** The fields columns may fill. */
  fields: { name: string; label: string; type: string; required: boolean }[];
  /** Unique keys rows may be matched on. */
  keys: string[][];
  match: readonly string[] | null;
  /** The first rows as they will be stored (relations by the text that named them, secrets hidden). */
  sample: { row: number; action: 'create' | 'update'; values: Row; ok: boolean }[];
  errors: RowIssue[];
  /** Errors beyond MAX_LISTED_ERRORS, counted only. */
  moreErrors: number;
}

export async function previewImport(services: EntityServices, user: SessionUser, plan: ImportPlan): Promise<ImportPreview> {
  const preparer = new RowPreparer(services, user, plan);
  const duplicates = new DuplicateCheck(services, plan);
  const report = new ReportBuilder(plan);
  const sample: ImportPreview['sample'] = [];
  for await (const { row, cells } of plan.file.records()) {
    const prepared = await preparer.prepare(row, cells);
    if (prepared.issues.length === 0) await duplicates.check(prepared);
    report.count(prepared.issues.length ? 'skipped' : prepared.action === 'create' ? 'created' : 'updated', prepared.issues);
    if (sample.length < SAMPLE_ROWS)
      sample.push({ row, action: prepared.action, values: shownValues(plan.entity, prepared), ok: prepared.issues.length === 0 });
  }
  const { entity, file } = plan;
  return {
    ...report.counts(),
    encoding: file.encoding,
    delimiter: file.delimiter,
    decimalComma: plan.format.decimalComma,
    headers: file.headers,
    columns: plan.mapping,
    fields: importableFields(entity).map((f) => ({ name: f.name, label: f.label, type: f.type, required: 'required' in f && !!f.required })),
    keys: uniqueKeys(entity).map((k) => [...k.fields]),
    match: plan.key ?? null,
    sample,
    errors: report.errors,
    moreErrors: report.moreErrors,
  };
}

export interface ImportProgress extends ImportCounts {
  /** Rows handled so far, of `rows`. */
  done: number;
}

export interface ImportReport extends ImportCounts {
  errors: RowIssue[];
  moreErrors: number;
}

/** Imports every valid row; `progress` is told after each batch of rows. */
export async function runImport(
  services: EntityServices,
  user: SessionUser,
  plan: ImportPlan,
  progress: (p: ImportProgress) => void,
  every = 100,
): Promise<ImportReport> {
  const preparer = new RowPreparer(services, user, plan);
  const service = services.service(plan.entity.key);
  const report = new ReportBuilder(plan);
  let done = 0;
  for await (const { row, cells } of plan.file.records()) {
    const prepared = await preparer.prepare(row, cells);
    let issues = prepared.issues;
    if (issues.length === 0) {
      try {
        if (prepared.id === undefined) await service.create(user, prepared.data);
        else await service.update(user, prepared.id, prepared.data, undefined);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        issues = rowIssues(row, e);
      }
    }
    report.count(issues.length ? 'skipped' : prepared.action === 'create' ? 'created' : 'updated', issues);
    if (++done % every === 0) progress({ ...report.counts(), done });
  }
  return { ...report.counts(), errors: report.errors, moreErrors: report.moreErrors };
}

class ReportBuilder {
  readonly errors: RowIssue[] = [];
  moreErrors = 0;
  private readonly tally = { created: 0, updated: 0, skipped: 0 };

  constructor(private readonly plan: ImportPlan) {}

  count(outcome: 'created' | 'updated' | 'skipped', issues: readonly RowIssue[]): void {
    this.tally[outcome] += 1;
    for (const issue of issues) {
      if (this.errors.length < MAX_LISTED_ERRORS) this.errors.push(hideSecretIn(this.plan.entity, issue));
      else this.moreErrors += 1;
    }
  }

  counts(): ImportCounts {
    return { rows: this.plan.file.rows, ...this.tally };
  }
}

function isSecret(entity: EntityModel, field: string | null): boolean {
  return field !== null && entity.fields[field] !== undefined && isWriteOnlyText(entity.fields[field].type);
}

/** A secret's value never leaves in a message: its problems are told without it. */
function hideSecretIn(entity: EntityModel, issue: RowIssue): RowIssue {
  return isSecret(entity, issue.field) ? { ...issue, message: issue.message.replace(/"[^"]*"/g, `"${HIDDEN}"`) } : issue;
}

function shownValues(entity: EntityModel, prepared: PreparedRow): Row {
  const values: Row = {};
  for (const [name, value] of Object.entries(prepared.data)) values[name] = isSecret(entity, name) && value !== null ? HIDDEN : value;
  return { ...values, _display: prepared.display };
}
