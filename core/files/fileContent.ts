/**
 * The checks every file passes on its way into the store, whoever sends it
 * (an HTTP upload, `ctx.files.attach` in a procedure or a job): a type the
 * field accepts, a file name that is safe, the field's size limit and the
 * declared type's first bytes while it streams, and for image fields a
 * decodable image of that very format, with its thumbnail.
 */
import { finished, type Readable } from 'node:stream';
import sharp from 'sharp';
import type { FileStore } from '../plugin/fileStore.js';
import { ValidationError } from '../errors/index.js';
import { fileType } from '../values/fileTypes.js';
import { fieldType } from '../fields/index.js';
import { fileNameProblem } from './fileName.js';
import { UploadGuard } from './uploadGuard.js';
import type { FileFieldModel } from './fileFields.js';

export interface IncomingFile {
  /** Original file name, as the sender's system had it. */
  name: string;
  /** The declared MIME type. */
  type: string;
  body: Readable;
}

/** A stored content that passed a field's checks: what its `platform.file` row records. Plain data (it crosses to the server from job workers). */
export interface CheckedContent {
  hash: string;
  name: string;
  /** The canonical MIME type. */
  type: string;
  size: number;
  width: number | null;
  height: number | null;
  thumbHash: string | null;
}

const THUMB_SIZE = 160;
/** Refuses decompression bombs: a small file that expands to a gigantic bitmap. */
const MAX_IMAGE_PIXELS = 50_000_000;
const SHARP_FORMATS: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/** Streams `file` into the store as content of `field`, or refuses it (ValidationError) leaving nothing new behind. */
export async function storeCheckedContent(store: FileStore, field: FileFieldModel, file: IncomingFile): Promise<CheckedContent> {
  const declared = fileType(file.type);
  if (!declared || !field.accept.includes(declared.mime))
    throw ValidationError.field(field.name, `type "${file.type}" is not accepted (${field.accept.join(', ')})`);
  const problem = fileNameProblem(file.name);
  if (problem) throw ValidationError.field(field.name, problem);

  const guard = new UploadGuard(field.name, field.maxSize, declared);
  // pipe() does not pass on the source's failure: a sender that hangs up mid-upload must still end the store's write.
  finished(file.body, (err) => {
    if (err) guard.destroy(err);
  });
  const stored = await store.put(file.body.pipe(guard));
  let image: ImageFacts | undefined;
  if (fieldType(field.type).holdsImages) {
    try {
      image = await imageFacts(store, stored.key, declared.mime);
    } catch (e) {
      if (stored.created) await store.delete(stored.key);
      throw e instanceof ValidationError ? e : ValidationError.field(field.name, 'is not a readable image');
    }
  }
  return {
    hash: stored.key,
    name: file.name,
    type: declared.mime,
    size: stored.size,
    width: image?.width ?? null,
    height: image?.height ?? null,
    thumbHash: image?.thumbKey ?? null,
  };
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
