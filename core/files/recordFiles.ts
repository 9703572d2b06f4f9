/**
 * Files as they hang off records: reading one for a user who may read the
 * record, checking the file ids a write attaches, and the file facts
 * (name, type, size) that travel with rows under `_files`.
 */
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import sharp from 'sharp';
import type { Transaction } from 'sequelize';
import type { EntityModel } from '../model/types.js';
import type { RecordFileReader, Row, SessionUser } from '../plugin/types.js';
import type { EntityServices } from '../service/entityServices.js';
import type { Repositories } from '../db/repository/repositories.js';
import type { FilesContext } from './filesContext.js';
import type { StoredRow } from '../db/repository/entityRepository.js';
import { AppError, NotFoundError, ValidationError, type Issue } from '../errors/index.js';
import { FILE_ENTITY, fileFieldAt, fileFieldsOf, isFileField, targetOf } from './fileFields.js';

/** What a row carries about each attached file, under `_files[field]`. */
export interface FileFacts {
  id: number;
  name: string;
  type: string;
  size: number;
  width: number | null;
  height: number | null;
  /** True when a thumbnail exists (`?thumb=1`). */
  thumb: boolean;
}

export interface OpenedFile {
  stream: Readable;
  name: string;
  type: string;
  size?: number;
  /** Derived from the content hash. Absent for generated streams. */
  etag?: string;
}

export interface RecordFileRef {
  module: string;
  entity: string;
  recordId: number;
  field: string;
  thumb: boolean;
}

/**
 * The file in a record's field, for a user who may read that record (see
 * readableRecord). Anything the user may not see
 * is "not found", so a download never reveals whether a record exists.
 */
export async function openRecordFile(files: FilesContext, user: SessionUser, ref: RecordFileRef): Promise<OpenedFile> {
  const notFound = new NotFoundError('File not found');
  const entity = fileFieldAt(files.services.model, ref.module, ref.entity, ref.field)?.entity;
  if (!entity) throw notFound;
  const file = await readableFileRow(files.services, user, entity, ref.recordId, ref.field);
  if (!file) throw notFound;
  const key = String((ref.thumb ? file.thumb_hash : file.hash) ?? '');
  if (!key) throw notFound;
  const stream = await files.store.open(key);
  // The content hash, plus the upload: the same bytes under another name must not revalidate to the old name.
  const etag = `${key}.${file.id}`;
  if (ref.thumb) return { stream, name: `${String(file.name)}.webp`, type: 'image/webp', etag };
  return { stream, name: String(file.name), type: String(file.content_type), size: Number(file.size), etag };
}

/**
 * The `platform.file` row in a record's file field: undefined when `user` may
 * not read the record (see readableRecord), null when the field is empty.
 */
export async function readableFileRow(
  services: EntityServices,
  user: SessionUser,
  entity: EntityModel,
  id: number,
  field: string,
  tx?: Transaction,
): Promise<StoredRow | null | undefined> {
  const record = await readableRecord(services, user, entity, id, tx);
  if (!record) return undefined;
  const fileId = record[field];
  if (typeof fileId !== 'number') return null;
  const found = await services.repos.repo(FILE_ENTITY).findById(fileId, sameDatabase(services.repos, entity) ? tx : undefined);
  return found?.row ?? null;
}

/**
 * A record as `user` may read it, or null: through its entity's read
 * permission and row rules, or, for an item edited inline, through the
 * parent record that shows it (whoever reads an order sees its lines).
 */
export async function readableRecord(services: EntityServices, user: SessionUser, entity: EntityModel, id: number, tx?: Transaction): Promise<Row | null> {
  const denied = (e: unknown) => e instanceof AppError && (e.code === 'FORBIDDEN' || e.code === 'NOT_FOUND');
  try {
    return await services.service(entity.key).get(user, id, tx);
  } catch (e) {
    if (!denied(e)) throw e;
  }
  const parent = entity.parent;
  const found = parent ? await services.repos.repo(entity.key).findById(id, tx) : null;
  if (!parent || !found) return null;
  try {
    const owner = await services.service(parent.entity).get(user, Number(found.row[parent.foreignKey]), tx);
    return (owner[parent.field] as Row[]).find((item) => item.id === id) ?? null;
  } catch (e) {
    if (denied(e)) return null;
    throw e;
  }
}

/**
 * A write may attach a file only when the writer uploaded it for this very
 * field (so its type and size rules were checked), or when it already is
 * that record's value. Anything else would let one user attach, and then
 * read, another user's upload. The system user (jobs, seeds) attaches what
 * it stored itself: rows without an uploader, which no signed-in user can make.
 */
export async function checkFileValues(
  repos: Repositories,
  entity: EntityModel,
  user: SessionUser,
  data: Row,
  previous: Row | undefined,
  tx: Transaction,
  prefix = '',
): Promise<void> {
  const issues: Issue[] = [];
  for (const field of fileFieldsOf(entity)) {
    const value = data[field.name];
    if (value === null || value === undefined || value === previous?.[field.name]) continue;
    const found = await repos.repo(FILE_ENTITY).findById(Number(value), sameDatabase(repos, entity) ? tx : undefined);
    const uploader = found?.row.created_by;
    const ownUpload = user.id > 0 ? Number(uploader) === user.id : uploader === null || uploader === undefined;
    const ok = found && found.row.target === targetOf(entity, field.name) && ownUpload;
    if (!ok) issues.push({ path: `data.${prefix}${field.name}`, message: `file ${String(value)} is not an upload of yours for this field` });
  }
  if (issues.length) throw new ValidationError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

/** Adds `_files` (name, type, size, thumbnail) to rows that have file fields, with one query for all of them. */
export async function withFileFacts(repos: Repositories, entity: EntityModel, rows: Row[], tx?: Transaction): Promise<void> {
  const fields = fileFieldsOf(entity);
  if (fields.length === 0 || rows.length === 0) return;
  const ids = [...new Set(rows.flatMap((r) => fields.map((f) => r[f.name]).filter((v): v is number => typeof v === 'number')))];
  const facts = new Map<number, FileFacts>();
  if (ids.length > 0) {
    const files = await repos.repo(FILE_ENTITY).rowsWhere({ id: { in: ids } }, ids.length, sameDatabase(repos, entity) ? tx : undefined);
    for (const file of files) facts.set(Number(file.id), factsOf(file));
  }
  for (const row of rows) {
    row._files = Object.fromEntries(fields.map((f) => [f.name, typeof row[f.name] === 'number' ? (facts.get(row[f.name] as number) ?? null) : null]));
  }
}

function factsOf(file: StoredRow): FileFacts {
  const int = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: Number(file.id),
    name: String(file.name),
    type: String(file.content_type),
    size: Number(file.size),
    width: int(file.width),
    height: int(file.height),
    thumb: file.thumb_hash != null,
  };
}

function sameDatabase(repos: Repositories, entity: EntityModel): boolean {
  return repos.model.entity(FILE_ENTITY).datasource === entity.datasource;
}

/** Reads the files of a record the caller has already been allowed to read (for plugin documents). */
export function recordFileReader(files: FilesContext, entity: EntityModel, record: Row): RecordFileReader {
  const fileRow = async (field: string) => {
    if (!isFileField(entity.fields[field])) throw new Error(`"${field}" is not a file field of ${entity.key}`);
    const id = record[field];
    return typeof id === 'number' ? ((await files.services.repos.repo(FILE_ENTITY).findById(id))?.row ?? null) : null;
  };
  return {
    async read(field) {
      const file = await fileRow(field);
      if (!file) return null;
      const data = await buffer(await files.store.open(String(file.hash)));
      return { name: String(file.name), contentType: String(file.content_type), data };
    },
    async imagePng(field, maxPixels) {
      const file = await fileRow(field);
      if (!file || file.width == null) return null;
      const data = await buffer(await files.store.open(String(file.hash)));
      return sharp(data).rotate().resize(maxPixels, maxPixels, { fit: 'inside', withoutEnlargement: true }).png().toBuffer();
    },
  };
}
