/**
 * An upload for one file field: who may send it, what it may be, and the
 * `platform.file` row that remembers it. The row records the field whose
 * rules it passed and the uploader, which is what attaching checks later.
 */
import type { Transaction } from 'sequelize';
import type { SessionUser } from '../plugin/types.js';
import type { FilesContext } from './filesContext.js';
import type { AppModel, EntityModel } from '../model/types.js';
import type { Repositories } from '../db/repository/repositories.js';
import type { EntityAction } from '../manifest/types.js';
import { decideAccess } from '../auth/permissions.js';
import { ForbiddenError, NotFoundError } from '../errors/index.js';
import { FILE_ENTITY, fileFieldAt, targetOf, type FileFieldModel } from './fileFields.js';
import { storeCheckedContent, type CheckedContent, type IncomingFile } from './fileContent.js';

export interface UploadRequest extends IncomingFile {
  module: string;
  entity: string;
  field: string;
}

export interface UploadedFile {
  id: number;
  name: string;
  type: string;
  size: number;
}

export async function uploadFile(files: FilesContext, user: SessionUser, req: UploadRequest): Promise<UploadedFile> {
  const { entity, field } = uploadTarget(files.services.model, user, req);
  const content = await storeCheckedContent(files.store, field, req);
  const id = await insertFileRow(files.services.repos, entity, field, content, user);
  return { id, name: content.name, type: content.type, size: content.size };
}

/**
 * The `platform.file` row of a checked content, as `user`'s upload for
 * `entity.field`; inside `tx` when the file rows live on that same database.
 */
export function insertFileRow(
  repos: Repositories,
  entity: EntityModel,
  field: FileFieldModel,
  content: CheckedContent,
  user: SessionUser,
  tx?: Transaction,
): Promise<number> {
  const now = new Date();
  const by = user.id > 0 ? user.id : null;
  const row = {
    hash: content.hash,
    name: content.name,
    content_type: content.type,
    size: content.size,
    width: content.width,
    height: content.height,
    thumb_hash: content.thumbHash,
    target: targetOf(entity, field.name),
    version: 1,
    created_at: now,
    updated_at: now,
    created_by: by,
    updated_by: by,
  };
  const files = repos.repo(FILE_ENTITY);
  const sameDatabase = repos.datasourceOf(FILE_ENTITY) === repos.datasourceOf(entity.key);
  return tx && sameDatabase ? files.insert(row, tx) : repos.datasourceOf(FILE_ENTITY).writeTransaction((t) => files.insert(row, t));
}

/**
 * Refuses a user who may do none of `actions` to `entity`, nor to the
 * parent record that edits it inline, before any byte is stored.
 */
export function checkMayWriteFiles(model: AppModel, entity: EntityModel, user: SessionUser, actions: readonly EntityAction[]): void {
  const parent = entity.parent ? model.entity(entity.parent.entity) : undefined;
  const mayWrite = (e: EntityModel) => actions.some((action) => decideAccess(e, action, user).allowed);
  if (!mayWrite(entity) && !(parent && mayWrite(parent))) throw new ForbiddenError(`No permission to upload files to ${entity.labelPlural} (${entity.key})`);
}

/** The entity and field an upload is for; only users who may write that entity (or its parent, for inline items) may upload. */
function uploadTarget(model: AppModel, user: SessionUser, req: UploadRequest): { entity: EntityModel; field: FileFieldModel } {
  const found = fileFieldAt(model, req.module, req.entity, req.field);
  if (!found) throw new NotFoundError(`No file field ${req.module}.${req.entity}.${req.field}`);
  checkMayWriteFiles(model, found.entity, user, ['create', 'update']);
  return found;
}
