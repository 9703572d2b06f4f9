/**
 * FileStore in an S3-compatible bucket (AWS S3, MinIO, Spaces, Ceph…):
 * `<prefix><sha256>`. A `put` streams to a temporary object
 * `<prefix>.tmp/<random>` (a multipart upload of unknown length, a few
 * megabytes in memory at a time) while it hashes, then copies it to its
 * content key and deletes the temporary object, on failure too: a stream
 * that fails or a client that hangs up leaves nothing (the SDK aborts the
 * multipart upload; the temporary object, if any, is deleted).
 *
 * Housekeeping: `touchedAt` is the object's LastModified. A `put` of content
 * already stored copies it onto its key again, which renews LastModified as
 * the local store's mtime renewal does. What S3 cannot do is the local
 * store's atomic rename: `deleteIfUntouchedSince` reads LastModified, then
 * deletes, and a `put` of that same content landing between those two
 * requests would be lost (conditional deletes on LastModified exist only for
 * directory buckets, and an ETag does not tell a re-put from the original).
 * The cleanup keeps that window out of reach in practice: it only deletes
 * content no `platform.file` row named when it last read them and that was
 * untouched for the whole grace period, and it re-reads LastModified right
 * before deleting; an upload stores (touches) its content just before it
 * inserts its row, so a row the cleanup has not seen belongs to content
 * touched within the grace period, which it keeps. Losing content needs an
 * identical re-upload, of content unreferenced for the whole grace period,
 * inside one round trip of the cleanup.
 *
 * LastModified has whole seconds and comes from the storage's clock: it is
 * read as the end of its second, and the grace period (hours) dwarfs clock skew.
 */
import { createHash, randomBytes } from 'node:crypto';
import { pipeline, Transform, type Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
  type HeadObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3StoreSettings } from '../config/index.js';
import { NotFoundError } from '../errors/index.js';
import { isContentKey, type FileStore, type StoredContent, type StoredKey } from '../plugin/fileStore.js';

/** Bytes per part of a multipart upload: S3's minimum, so memory stays at a few parts whatever the file's size. */
const PART_SIZE = 5 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;
/** LastModified is truncated to the second: the touch may have been up to this much later. */
const SECOND_ROUNDING_MS = 999;

export class S3FileStore implements FileStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(settings: S3StoreSettings) {
    this.bucket = settings.bucket;
    this.prefix = settings.prefix;
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
      // Since SDK 3.729 every upload carries a CRC32 checksum in an aws-chunked trailer by default, which
      // several S3-compatible servers refuse (older MinIO and Ceph releases, Backblaze B2 at the time). The
      // tests' stand-in (s3rver) accepts either; checksums only where an operation requires one keeps the
      // store working on all of them. Content is addressed by its sha256 anyway.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(content: Readable): Promise<StoredContent> {
    const temp = `${this.prefix}.tmp/${randomBytes(16).toString('hex')}`;
    const hash = createHash('sha256');
    let size = 0;
    let failure: Error | undefined;
    const measure = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    // Attached before the first await: the stream's errors must never go unheard, and end the upload.
    const body = pipeline(content, measure, (err) => {
      if (err) failure ??= err;
    });
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: temp, Body: body, ContentType: 'application/octet-stream' },
      partSize: PART_SIZE,
      queueSize: PARTS_IN_FLIGHT,
      leavePartsOnError: false,
    });
    let stored: StoredContent;
    try {
      await upload.done();
      if (failure) throw failure;
      const key = hash.digest('hex');
      const created = !(await this.exists(key));
      // Also when the content exists: rewriting its identical bytes renews LastModified (the "touch").
      await this.client.send(
        new CopyObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), CopySource: `${this.bucket}/${encodeKey(temp)}`, MetadataDirective: 'COPY' }),
      );
      stored = { key, size, created };
    } catch (e) {
      // The stream's own failure (too large, wrong type, client gone) is what the caller answers with.
      await this.deleteObject(temp).catch(() => undefined);
      throw failure ?? e;
    }
    await this.deleteObject(temp);
    return stored;
  }

  async open(key: string): Promise<Readable> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      // In Node the body is the HTTP response itself: streamed, never buffered.
      return object.Body as Readable;
    } catch (e) {
      if (isMissing(e)) throw new NotFoundError('File content not found');
      throw e;
    }
  }

  async exists(key: string): Promise<boolean> {
    return isContentKey(key) && (await this.head(key)) !== undefined;
  }

  async delete(key: string): Promise<void> {
    await this.deleteObject(this.objectKey(key));
  }

  async *list(): AsyncIterable<StoredKey> {
    let token: string | undefined;
    do {
      // The delimiter keeps `.tmp/` (and anything else in sub-folders) out: only content keys sit directly under the prefix.
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, Delimiter: '/', ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(this.prefix.length) ?? '';
        if (isContentKey(key) && object.LastModified) yield { key, size: object.Size ?? 0, touchedAt: touchedAt(object.LastModified) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async deleteIfUntouchedSince(key: string, since: Date): Promise<number | undefined> {
    const found = await this.head(key);
    if (!found?.LastModified || touchedAt(found.LastModified).getTime() >= since.getTime()) return undefined;
    await this.delete(key);
    return found.ContentLength ?? 0;
  }

  private async deleteObject(objectKey: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: objectKey }));
  }

  private async head(key: string): Promise<HeadObjectCommandOutput | undefined> {
    try {
      return await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }

  /** The only place a key becomes an object name: hex only. */
  private objectKey(key: string): string {
    if (!isContentKey(key)) throw new NotFoundError('File content not found');
    return `${this.prefix}${key}`;
  }
}

function isMissing(e: unknown): boolean {
  return e instanceof S3ServiceException && (e.$metadata.httpStatusCode === 404 || e.name === 'NoSuchKey' || e.name === 'NotFound');
}

function touchedAt(lastModified: Date): Date {
  return new Date(lastModified.getTime() + SECOND_ROUNDING_MS);
}

/** An object key as a CopySource: each path segment URL-encoded. */
function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}
