/**
 * A pass-through stream that enforces an upload's limits while it flows:
 * it fails as soon as the byte count passes the field's maximum (so an
 * oversized upload is never read to its end nor kept), and checks the first
 * bytes against the declared type before anything is written.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { ValidationError } from '../errors/index.js';
import { contentMatches, SNIFF_BYTES, type FileType } from '../values/fileTypes.js';

/** A ValidationError the upload route answers with 413. */
export class FileTooLargeError extends ValidationError {
  constructor(path: string, maxSize: number) {
    super(`${path}: file is larger than ${maxSize} bytes`, [{ path, message: `file is larger than ${maxSize} bytes` }]);
  }
}

export class UploadGuard extends Transform {
  private seen = 0;
  private head: Buffer[] = [];
  private headBytes = 0;
  private checked = false;

  constructor(
    private readonly path: string,
    private readonly maxSize: number,
    private readonly declared: FileType,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.maxSize) {
      done(new FileTooLargeError(this.path, this.maxSize));
      return;
    }
    if (this.checked) {
      done(null, chunk);
      return;
    }
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SNIFF_BYTES) {
      done();
      return;
    }
    this.release(done);
  }

  override _flush(done: TransformCallback): void {
    if (this.seen === 0) {
      done(ValidationError.field(this.path, 'file is empty'));
      return;
    }
    if (this.checked) {
      done();
      return;
    }
    this.release(done);
  }

  /** Checks the buffered first bytes, then lets them through. */
  private release(done: TransformCallback): void {
    const head = Buffer.concat(this.head);
    this.head = [];
    this.checked = true;
    if (!contentMatches(this.declared, head)) {
      done(ValidationError.field(this.path, `content is not ${this.declared.mime}`));
      return;
    }
    done(null, head);
  }
}
