/**
 * FileStore on the local disk: `<root>/<aa>/<bb>/<sha256>`, written to a
 * temporary file in `<root>/.tmp` first and renamed into place, so a reader
 * never sees half a file and a failed upload leaves nothing.
 *
 * Housekeeping races uploads that re-use stored content: an upload may `put`
 * content that a cleanup has just found unreferenced, and insert its
 * `platform.file` row only afterwards. So `put` of existing content renews its
 * mtime, and `deleteIfUntouchedSince` first renames the content out of place
 * (atomic), then reads the mtime of what it moved: a `put` that touched it
 * before the rename shows up as a recent mtime (the content is put back), and a
 * `put` after the rename finds nothing and stores the content afresh. Either
 * way the upload's content survives. Empty `aa/bb` folders are left in place:
 * removing one could fail a `put` between its mkdir and its rename.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, openSync, type WriteStream } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { access, lstat, mkdir, readdir, rename, rm, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NotFoundError } from '../errors/index.js';
import { isContentKey, type FileStore, type StoredContent, type StoredKey } from '../plugin/fileStore.js';

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
      if (await this.touch(target)) {
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

  async *list(): AsyncIterable<StoredKey> {
    for (const aa of await subfolders(this.root)) {
      for (const bb of await subfolders(path.join(this.root, aa))) {
        const folder = path.join(this.root, aa, bb);
        for (const key of await readdir(folder).catch(() => [])) {
          if (!isContentKey(key) || key.slice(0, 2) !== aa || key.slice(2, 4) !== bb) continue;
          // lstat: a symlink is not content of ours, whatever its name.
          const info = await lstat(path.join(folder, key)).catch(() => undefined);
          if (info?.isFile()) yield { key, size: info.size, touchedAt: info.mtime };
        }
      }
    }
  }

  async deleteIfUntouchedSince(key: string, since: Date): Promise<number | undefined> {
    const target = this.pathOf(key);
    const moved = path.join(this.tmp, `${randomBytes(16).toString('hex')}.deleting`);
    try {
      await rename(target, moved);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    const info = await lstat(moved);
    if (!info.isFile() || info.mtime.getTime() >= since.getTime()) {
      // Touched by a put just before the move (or not content of ours): back in place; a put since then wrote the same bytes.
      await rename(moved, target);
      return undefined;
    }
    await unlink(moved);
    return info.size;
  }

  /** Renews the mtime of stored content; false when there is none. */
  private async touch(target: string): Promise<boolean> {
    const now = new Date();
    try {
      await utimes(target, now, now);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  }

  /** The only place a key becomes a path: hex only, and the result must stay under the root. */
  private pathOf(key: string): string {
    if (!isContentKey(key)) throw new NotFoundError('File content not found');
    const full = path.resolve(this.root, key.slice(0, 2), key.slice(2, 4), key);
    if (!full.startsWith(this.root + path.sep)) throw new NotFoundError('File content not found');
    return full;
  }
}

const SHARD = /^[0-9a-f]{2}$/;

/** The two-hex-digit folders directly under `dir` (real folders, not links). */
async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && SHARD.test(e.name)).map((e) => e.name);
}

/** Resolves once the file is closed, whatever error destroyed the stream. */
function closed(stream: WriteStream): Promise<void> {
  return stream.closed ? Promise.resolve() : new Promise((resolve) => stream.once('close', () => resolve()));
}
