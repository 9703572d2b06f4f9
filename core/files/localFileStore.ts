/**
 * FileStore on the local disk: `<root>/<aa>/<bb>/<sha256>`, written to a
 * temporary file in `<root>/.tmp` first and renamed into place, so a reader
 * never sees half a file and a failed upload leaves nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, openSync, type WriteStream } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { access, mkdir, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NotFoundError } from '../errors/index.js';
import { isContentKey, type FileStore, type StoredContent } from './fileStore.js';

/** The platform's own store: `<dataDir>/files`, shared by the server and job workers. */
export function dataDirFileStore(dataDir: string): LocalFileStore {
  return new LocalFileStore(path.join(dataDir, 'files'));
}

export class LocalFileStore implements FileStore {
  private readonly root: string;
  private readonly tmp: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.tmp = path.join(this.root, '.tmp');
    mkdirSync(this.tmp, { recursive: true });
  }

  async put(content: Readable): Promise<StoredContent> {
    const temp = path.join(this.tmp, `${randomBytes(16).toString('hex')}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    // Opened synchronously, so the file exists before any failure can remove it, and the pipeline is
    // attached before the first await: the stream's errors must never go unheard.
    const out = createWriteStream(temp, { fd: openSync(temp, 'wx', 0o640) });
    const written = pipeline(content, measure, out);
    try {
      await written;
      const key = hash.digest('hex');
      const target = this.pathOf(key);
      if (await this.exists(key)) {
        await unlink(temp);
        return { key, size, created: false };
      }
      await mkdir(path.dirname(target), { recursive: true });
      await rename(temp, target);
      return { key, size, created: true };
    } catch (e) {
      await closed(out);
      await rm(temp, { force: true });
      throw e;
    }
  }

  async open(key: string): Promise<Readable> {
    if (!(await this.exists(key))) throw new NotFoundError('File content not found');
    return createReadStream(this.pathOf(key));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await access(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /** The only place a key becomes a path: hex only, and the result must stay under the root. */
  private pathOf(key: string): string {
    if (!isContentKey(key)) throw new NotFoundError('File content not found');
    const full = path.resolve(this.root, key.slice(0, 2), key.slice(2, 4), key);
    if (!full.startsWith(this.root + path.sep)) throw new NotFoundError('File content not found');
    return full;
  }
}

/** Resolves once the file is closed, whatever error destroyed the stream. */
function closed(stream: WriteStream): Promise<void> {
  return stream.closed ? Promise.resolve() : new Promise((resolve) => stream.once('close', () => resolve()));
}
