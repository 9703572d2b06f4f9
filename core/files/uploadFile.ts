/**
 * An upload for one file field: who may send it, what it may be, and the
 * `platform.file` row that remembers it. The row records the field whose
 * rules it passed and the uploader, which is what attaching checks later.
 */
import { finished, type Readable } from 'node:stream';
import sharp from 'sharp';
import type { SessionUser } from '../plugin/types.js';
import type { FilesContext } from './filesContext.js';
import type { AppModel, EntityModel } from '../model/types.js';
import type { FileStore } from '../plugin/fileStore.js';
import { decideAccess } from '../auth/permissions.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors/index.js';
import { fileType } from '../values/fileTypes.js';
import { fieldType } from '../fields/index.js';
import { fileNameProblem } from './fileName.js';
import { UploadGuard } from './uploadGuard.js';
import { FILE_ENTITY, fileFieldAt, targetOf, type FileFieldModel } from './fileFields.js';

export interface UploadRequest {
  module: string;
  entity: string;
  field: string;
  /** Original file name, as the user's system had it. */
  name: string;
  /** The declared MIME type (Content-Type of the upload). */
  type: string;
  body: Readable;
}

export interface UploadedFile {
  id: number;
  name: string;
  type: string;
  size: number;
}

const THUMB_SIZE = 160;
/** Refuses decompression bombs: a small file that expands to a gigantic bitmap. */
const MAX_IMAGE_PIXELS = 50_000_000;
const SHARP_FORMATS: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

export async function uploadFile(files: FilesContext, user: SessionUser, req: UploadRequest): Promise<UploadedFile> {
  const { entity, field } = uploadTarget(files.services.model, user, req);
  const declared = fileType(req.type);
  if (!declared || !field.accept.includes(declared.mime))
    throw ValidationError.field(field.name, `type "${req.type}" is not accepted (${field.accept.join(', ')})`);
  const problem = fileNameProblem(req.name);
  if (problem) throw ValidationError.field(field.name, problem);

  const guard = new UploadGuard(field.name, field.maxSize, declared);
  // pipe() does not pass on the source's failure: a client that hangs up mid-upload must still end the store's write.
  finished(req.body, (err) => {
    if (err) guard.destroy(err);
  });
  const stored = await files.store.put(req.body.pipe(guard));
  let image: ImageFacts | undefined;
  if (fieldType(field.type).holdsImages) {
    try {
      image = await imageFacts(files.store, stored.key, declared.mime);
    } catch (e) {
      if (stored.created) await files.store.delete(stored.key);
      throw e instanceof ValidationError ? e : ValidationError.field(field.name, 'is not a readable image');
    }
  }
  const now = new Date();
  const by = user.id > 0 ? user.id : null;
  const row = {
    hash: stored.key,
    name: req.name,
    content_type: declared.mime,
    size: stored.size,
    width: image?.width ?? null,
    height: image?.height ?? null,
    thumb_hash: image?.thumbKey ?? null,
    target: targetOf(entity, field.name),
    version: 1,
    created_at: now,
    updated_at: now,
    created_by: by,
    updated_by: by,
  };
  const { repos } = files.services;
  const id = await repos.datasourceOf(FILE_ENTITY).writeTransaction((tx) => repos.repo(FILE_ENTITY).insert(row, tx));
  return { id, name: req.name, type: declared.mime, size: stored.size };
}

/** The entity and field an upload is for; only users who may write that entity (or its parent, for inline items) may upload. */
function uploadTarget(model: AppModel, user: SessionUser, req: UploadRequest): { entity: EntityModel; field: FileFieldModel } {
  const found = fileFieldAt(model, req.module, req.entity, req.field);
  if (!found) throw new NotFoundError(`No file field ${req.module}.${req.entity}.${req.field}`);
  const { entity } = found;
  const parent = entity.parent ? model.entity(entity.parent.entity) : undefined;
  const mayWrite = (e: EntityModel) => decideAccess(e, 'create', user).allowed || decideAccess(e, 'update', user).allowed;
  if (!mayWrite(entity) && !(parent && mayWrite(parent))) throw new ForbiddenError(`No permission to upload files to ${entity.labelPlural} (${entity.key})`);
  return found;
}

interface ImageFacts {
  width: number;
  height: number;
  thumbKey: string;
}

/** Decodes the stored image (its real format must be the declared one) and stores a small WebP thumbnail. */
async function imageFacts(store: FileStore, key: string, mime: string): Promise<ImageFacts> {
  const decode = async () => (await store.open(key)).pipe(sharp({ limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }));
  const meta = await (await decode()).metadata();
  if (!meta.format || SHARP_FORMATS[meta.format] !== mime || !meta.width || !meta.height) throw new Error('not the declared image format');
  const thumb = (await decode()).rotate().resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 });
  const stored = await store.put(thumb);
  return { width: meta.width, height: meta.height, thumbKey: stored.key };
}
